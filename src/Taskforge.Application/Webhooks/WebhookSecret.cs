using System.Security.Cryptography;

namespace Taskforge.Application.Webhooks;

/// <summary>Signing secrets in the Standard Webhooks form: <c>whsec_</c> + base64 of 32 random bytes.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The HMAC key: the base64-decoded part after the prefix.</summary>
    public static byte[] Key(string secret) =>
        Convert.FromBase64String(
            secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret
        );
}
