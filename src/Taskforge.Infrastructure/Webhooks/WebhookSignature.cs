using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Taskforge.Application.Webhooks;

namespace Taskforge.Infrastructure.Webhooks;

/// <summary>
/// The Standard Webhooks signature: <c>v1,</c> + base64 of HMAC-SHA256 over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the decoded secret.
/// </summary>
public static class WebhookSignature
{
    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{timestamp}."));
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(WebhookSecret.Key(secret), signed));
    }
}
