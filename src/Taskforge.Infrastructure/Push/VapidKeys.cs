using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Taskforge.Application.Push;
using Taskforge.Infrastructure.Configuration;

namespace Taskforge.Infrastructure.Push;

/// <summary>The VAPID identity (<c>Push:Vapid:*</c>): base64url P-256 keys, checked to be a pair at startup.</summary>
public sealed record VapidKeys(string Subject, string PublicKey, string PrivateKey)
{
    private const string DevelopmentKeyFile = "data/vapid-keys.json";
    private const string DevelopmentSubject = "mailto:no-reply@localhost";

    /// <summary>The keys, or null when push is off (no keys outside Development).</summary>
    public static VapidKeys? From(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection("Push:Vapid");
        var (subject, publicKey, privateKey) = (section["Subject"], section["PublicKey"], section["PrivateKey"]);
        if (string.IsNullOrEmpty(publicKey) && string.IsNullOrEmpty(privateKey))
        {
            if (!environment.IsDevelopment())
            {
                return null;
            }

            var kept = DevelopmentKeys(environment);
            (publicKey, privateKey) = (kept.PublicKey, kept.PrivateKey);
            subject = string.IsNullOrEmpty(subject) ? DevelopmentSubject : subject;
        }

        var keys = new VapidKeys(subject ?? "", publicKey ?? "", privateKey ?? "");
        keys.Check();
        return keys;
    }

    public ECDsa SigningKey()
    {
        var q = Base64Url.TryDecode(PublicKey)!;
        return ECDsa.Create(
            new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = q[1..33], Y = q[33..] },
                D = Base64Url.TryDecode(PrivateKey),
            }
        );
    }

    public static VapidKeys Generate(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        return new VapidKeys(
            subject,
            Base64Url.Encode(WebPushEncryption.PublicKeyOf(key)),
            Base64Url.Encode(parameters.D)
        );
    }

    private void Check()
    {
        if (!WebPushEncryption.IsPublicKey(Base64Url.TryDecode(PublicKey)))
        {
            throw new StartupException(
                "Push:Vapid:PublicKey must be base64url of a 65-byte uncompressed P-256 point on the curve."
            );
        }

        if (Base64Url.TryDecode(PrivateKey) is not { Length: 32 })
        {
            throw new StartupException("Push:Vapid:PrivateKey must be base64url of a 32-byte P-256 private key.");
        }

        if (
            !Subject.StartsWith("mailto:", StringComparison.Ordinal)
            && !Subject.StartsWith("https://", StringComparison.Ordinal)
        )
        {
            throw new StartupException(
                "Push:Vapid:Subject must be a mailto: or https: URL (the contact a push service may use)."
            );
        }

        try
        {
            using var key = SigningKey();
            // The private key must be the public key's: sign and verify once.
            var signature = key.SignData("vapid"u8, HashAlgorithmName.SHA256);
            using var check = ECDsa.Create(key.ExportParameters(includePrivateParameters: false));
            if (!check.VerifyData("vapid"u8, signature, HashAlgorithmName.SHA256))
            {
                throw new StartupException("Push:Vapid:PrivateKey is not the private key of Push:Vapid:PublicKey.");
            }
        }
        catch (CryptographicException e)
        {
            throw new StartupException("Push:Vapid:PrivateKey is not the private key of Push:Vapid:PublicKey.", e);
        }
    }

    // In Development a key pair is made once and kept, so browsers' subscriptions survive restarts.
    private static VapidKeys DevelopmentKeys(IHostEnvironment environment)
    {
        var path = Path.Combine(environment.ContentRootPath, DevelopmentKeyFile);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(
                path,
                JsonSerializer.Serialize(Generate(DevelopmentSubject), VapidKeysJson.Default.VapidKeys)
            );
        }

        return JsonSerializer.Deserialize(File.ReadAllText(path), VapidKeysJson.Default.VapidKeys)
            ?? throw new StartupException(
                $"{DevelopmentKeyFile} is not a VAPID key pair; delete it to make a new one."
            );
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(VapidKeys))]
internal sealed partial class VapidKeysJson : System.Text.Json.Serialization.JsonSerializerContext;
