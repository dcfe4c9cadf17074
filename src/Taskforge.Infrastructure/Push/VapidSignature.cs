using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Taskforge.Application.Push;

namespace Taskforge.Infrastructure.Push;

/// <summary>
/// Voluntary application server identification (RFC 8292): an ES256 JWT for the push service's
/// origin, signed with the VAPID private key, sent with the public key as
/// <c>Authorization: vapid t=..., k=...</c>.
/// </summary>
public static class VapidSignature
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public static string AuthorizationFor(Uri endpoint, VapidKeys keys, DateTimeOffset now) =>
        $"vapid t={Token(endpoint, keys, now)}, k={keys.PublicKey}";

    public static string Token(Uri endpoint, VapidKeys keys, DateTimeOffset now)
    {
        var audience = endpoint.GetLeftPart(UriPartial.Authority);
        var expires = (now + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var header = Encode("""{"typ":"JWT","alg":"ES256"}"""u8);
        var claims = Encode(
            Encoding.UTF8.GetBytes($$"""{"aud":{{Json(audience)}},"exp":{{expires}},"sub":{{Json(keys.Subject)}}}""")
        );
        var signingInput = $"{header}.{claims}";
        using var key = keys.SigningKey();
        var signature = key.SignData(
            Encoding.ASCII.GetBytes(signingInput),
            HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation
        );
        return $"{signingInput}.{Encode(signature)}";
    }

    private static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.Encode(bytes);

    private static string Json(string text) =>
        System.Text.Json.JsonSerializer.Serialize(text, VapidJson.Default.String);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class VapidJson : System.Text.Json.Serialization.JsonSerializerContext;
