using System.Security.Cryptography;
using System.Text;

namespace Taskforge.Application.Idempotency;

/// <summary>
/// A POST or PATCH sent with an <c>Idempotency-Key</c>: whose key it is (<see cref="Scope"/>), the key,
/// and a fingerprint of what was asked (SHA-256 of method, path and body), which a reuse of the key must match.
/// </summary>
public sealed record IdempotentRequest(string Scope, string Key, string Fingerprint)
{
    public const int MaxKeyLength = 255;

    /// <summary>1 to 255 printable ASCII characters (space to tilde), as the contract says.</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is >= ' ' and <= '~');

    /// <summary>
    /// Keys are per user. A request without a user (register, login, refresh, logout) is scoped by
    /// its body's digest: two strangers who pick the same key never meet, and only someone who sends
    /// the same body (with its password or token) can ever see the kept answer.
    /// </summary>
    public static IdempotentRequest For(Guid? userId, string key, string method, string path, byte[] body)
    {
        var scope = userId is { } id ? id.ToString("D") : "anonymous:" + Hex(SHA256.HashData(body));
        using var fingerprint = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        fingerprint.AppendData(Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()}\n{path}\n"));
        fingerprint.AppendData(body);
        return new IdempotentRequest(scope, key, Hex(fingerprint.GetHashAndReset()));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
