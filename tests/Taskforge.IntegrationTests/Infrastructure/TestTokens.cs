using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>
/// Hand-made JWTs, to probe the bearer handler with tokens the app would never issue:
/// other keys, other issuers, past lifetimes, "alg: none", edited payloads.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "taskforge";
    public const string Audience = "taskforge-api";

    /// <summary>The claims the app puts in its own access tokens, valid for five minutes from now.</summary>
    public static JsonObject ClaimsFor(TestUser user)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new JsonObject
        {
            ["sub"] = user.Id.ToString(),
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["sst"] = Payload(user.AccessToken)["sst"]!.GetValue<string>(),
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 300,
        };
    }

    /// <summary>Sets iat and nbf to <paramref name="issuedAt"/> and exp to <paramref name="lifetime"/> after it.</summary>
    public static JsonObject Lifetime(this JsonObject claims, DateTimeOffset issuedAt, TimeSpan lifetime)
    {
        claims["iat"] = issuedAt.ToUnixTimeSeconds();
        claims["nbf"] = issuedAt.ToUnixTimeSeconds();
        claims["exp"] = (issuedAt + lifetime).ToUnixTimeSeconds();
        return claims;
    }

    public static string Sign(
        JsonObject claims,
        string key = TaskforgeApp.SigningKey,
        string algorithm = "HS256",
        string? keyId = null
    )
    {
        var header = new JsonObject { ["alg"] = algorithm, ["typ"] = "JWT" };
        if (keyId is not null)
        {
            header["kid"] = keyId;
        }

        var unsigned = Encode(header) + "." + Encode(claims);
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var data = Encoding.ASCII.GetBytes(unsigned);
        var signature = algorithm switch
        {
            "HS256" => HMACSHA256.HashData(keyBytes, data),
            "HS384" => HMACSHA384.HashData(keyBytes, data),
            "HS512" => HMACSHA512.HashData(keyBytes, data),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };
        return unsigned + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>An unsecured JWT (RFC 7519 §6): "alg": "none" and an empty signature.</summary>
    public static string WithoutSignature(JsonObject claims) =>
        Encode(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" }) + "." + Encode(claims) + ".";

    /// <summary>The token with its payload re-encoded after <paramref name="edit"/>, keeping the original signature.</summary>
    public static string WithEditedPayload(string token, Action<JsonObject> edit)
    {
        var parts = token.Split('.');
        var payload = Payload(token);
        edit(payload);
        return parts[0] + "." + Encode(payload) + "." + parts[2];
    }

    public static JsonObject Payload(string token)
    {
        var payload = token.Split('.')[1];
        return JsonNode.Parse(Base64Url.DecodeFromChars(payload))!.AsObject();
    }

    private static string Encode(JsonObject json) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions())));
}
