using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Taskforge.Application.Auth;

/// <summary>
/// A refresh token is 256 random bits; only its SHA-256 is stored, so a leaked table grants nothing.
/// A fast hash suffices here (unlike passwords) because the secret has full entropy.
/// </summary>
public static class RefreshTokenSecret
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
