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
    private readonly byte[][] _acceptedKeys;

    /// <summary>
    /// Cursor keys are derived (HKDF-SHA256) from the JWT signing keys, so there is nothing more to
    /// configure, and a signing key itself encrypts nothing. New cursors are sealed under
    /// <paramref name="activeSecret"/>'s key; a cursor sealed under any of <paramref name="listedSecrets"/>
    /// still opens, so a client paging through a list does not notice a key rotation.
    /// </summary>
    public Cursors(byte[] activeSecret, IEnumerable<byte[]> listedSecrets)
    {
        _key = Derive(activeSecret);
        _acceptedKeys =
        [
            _key,
            .. listedSecrets.Where(secret => !secret.AsSpan().SequenceEqual(activeSecret)).Select(Derive),
        ];
    }

    private static byte[] Derive(byte[] secret) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, KeyBytes, info: "taskforge list cursors"u8.ToArray());

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
            if (!_acceptedKeys.Any(key => TryOpen(key, bytes, plaintext, ListOf(type))))
            {
                return false;
            }

            position = JsonSerializer.Deserialize(plaintext, type);
            return position is not null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }

    // The tag authenticates under exactly one key, so trying the few listed keys is the lookup.
    private static bool TryOpen(byte[] key, byte[] sealedCursor, byte[] plaintext, byte[] list)
    {
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(
                sealedCursor.AsSpan(0, NonceBytes),
                sealedCursor.AsSpan(NonceBytes, plaintext.Length),
                sealedCursor.AsSpan(NonceBytes + plaintext.Length),
                plaintext,
                list
            );
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    // Authenticated with the cursor: the kind of position, so one list's cursor is refused by another.
    private static byte[] ListOf<T>(JsonTypeInfo<T> type) =>
        Encoding.UTF8.GetBytes(type.Type.FullName ?? type.Type.Name);
}
