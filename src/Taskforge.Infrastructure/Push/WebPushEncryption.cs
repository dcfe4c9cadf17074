using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Taskforge.Infrastructure.Push;

/// <summary>
/// Message encryption for Web Push (RFC 8291) in the <c>aes128gcm</c> content coding (RFC 8188):
/// one record, so the body is the header (salt, record size, our ephemeral public key) followed
/// by the ciphertext of the payload and its 0x02 padding delimiter.
/// </summary>
public static class WebPushEncryption
{
    public const int RecordSize = 4096;
    public const int PublicKeyLength = 65;
    private const int SaltLength = 16;
    private const int TagLength = 16;
    private const int HeaderLength = SaltLength + 4 + 1 + PublicKeyLength;

    /// <summary>The largest payload that fits one record.</summary>
    public const int MaxPayload = RecordSize - TagLength - 1;

    public static byte[] Encrypt(ReadOnlySpan<byte> payload, byte[] clientPublicKey, byte[] authSecret)
    {
        using var serverKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        return Encrypt(payload, clientPublicKey, authSecret, serverKey, RandomNumberGenerator.GetBytes(SaltLength));
    }

    /// <summary>With a given server key and salt: for the RFC's worked example.</summary>
    public static byte[] Encrypt(
        ReadOnlySpan<byte> payload,
        byte[] clientPublicKey,
        byte[] authSecret,
        ECDiffieHellman serverKey,
        byte[] salt
    )
    {
        if (payload.Length > MaxPayload)
        {
            throw new ArgumentException($"A push payload holds at most {MaxPayload} bytes.", nameof(payload));
        }

        using var client = ImportPublicKey(clientPublicKey);
        var serverPublicKey = PublicKeyOf(serverKey);
        var sharedSecret = serverKey.DeriveRawSecretAgreement(client.PublicKey);

        var keyInfo = Concat("WebPush: info\0"u8.ToArray(), clientPublicKey, serverPublicKey);
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, 32, authSecret, keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var contentKey = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, "Content-Encoding: nonce\0"u8.ToArray());

        var body = new byte[HeaderLength + payload.Length + 1 + TagLength];
        salt.CopyTo(body, 0);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(SaltLength), RecordSize);
        body[SaltLength + 4] = PublicKeyLength;
        serverPublicKey.CopyTo(body, SaltLength + 5);

        var plaintext = new byte[payload.Length + 1];
        payload.CopyTo(plaintext);
        plaintext[^1] = 0x02; // the last (and only) record's delimiter, no padding
        using var aes = new AesGcm(contentKey, TagLength);
        aes.Encrypt(
            nonce,
            plaintext,
            body.AsSpan(HeaderLength, plaintext.Length),
            body.AsSpan(HeaderLength + plaintext.Length, TagLength)
        );
        return body;
    }

    /// <summary>A P-256 public key from its 65-byte uncompressed form; throws when it is not a point on the curve.</summary>
    public static ECDiffieHellman ImportPublicKey(byte[] uncompressed)
    {
        if (uncompressed.Length != PublicKeyLength || uncompressed[0] != 0x04)
        {
            throw new CryptographicException("Not an uncompressed P-256 point.");
        }

        var key = ECDiffieHellman.Create();
        try
        {
            key.ImportParameters(
                new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = uncompressed[1..33], Y = uncompressed[33..] },
                }
            );
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public static bool IsPublicKey(byte[]? uncompressed)
    {
        if (uncompressed is null)
        {
            return false;
        }

        try
        {
            using var key = ImportPublicKey(uncompressed);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public static byte[] PublicKeyOf(ECAlgorithm key)
    {
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        return Concat([0x04], q.X!, q.Y!);
    }

    private static byte[] Concat(params ReadOnlySpan<byte[]> parts)
    {
        var length = 0;
        foreach (var part in parts)
        {
            length += part.Length;
        }

        var result = new byte[length];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(result, offset);
            offset += part.Length;
        }

        return result;
    }
}
