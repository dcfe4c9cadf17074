using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Taskforge.Api.Http;

/// <summary>
/// Opaque list cursors: the keyset position as JSON, sealed with AES-GCM (a random nonce, the
/// ciphertext, the tag). A client can hold and return a cursor, but cannot read it (a position
/// holds titles and dates) nor forge or edit one; a cursor opens only for the list that issued it.
/// </summary>
public sealed class Cursors
{
    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    // Room for the longest keyset position: a 200-character title, every character JSON-escaped.
    private const int MaxCursorLength = 4096;

    private readonly byte[] _key;

    /// <summary>
    /// The cursor key is derived (HKDF-SHA256) from <paramref name="secret"/>, the JWT signing
    /// key, so there is nothing more to configure, and the signing key itself encrypts nothing.
    /// </summary>
    public Cursors(byte[] secret) =>
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, KeyBytes, info: "taskforge list cursors"u8.ToArray());

    public string Encode<T>(T position, JsonTypeInfo<T> type)
    {
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(position, type);
        var cursor = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = cursor.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(
            nonce,
            plaintext,
            cursor.AsSpan(NonceBytes, plaintext.Length),
            cursor.AsSpan(NonceBytes + plaintext.Length),
            ListOf(type)
        );
        return Base64Url.EncodeToString(cursor);
    }

    public bool TryDecode<T>(string? cursor, JsonTypeInfo<T> type, out T? position)
    {
        position = default;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxCursorLength)
        {
            return false;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(cursor);
            if (bytes.Length < NonceBytes + TagBytes)
            {
                return false;
            }

            var plaintext = new byte[bytes.Length - NonceBytes - TagBytes];
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(
                bytes.AsSpan(0, NonceBytes),
                bytes.AsSpan(NonceBytes, plaintext.Length),
                bytes.AsSpan(NonceBytes + plaintext.Length),
                plaintext,
                ListOf(type)
            );
            position = JsonSerializer.Deserialize(plaintext, type);
            return position is not null;
        }
        catch (Exception e) when (e is FormatException or JsonException or AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    // Authenticated with the cursor: the kind of position, so one list's cursor is refused by another.
    private static byte[] ListOf<T>(JsonTypeInfo<T> type) =>
        Encoding.UTF8.GetBytes(type.Type.FullName ?? type.Type.Name);
}
