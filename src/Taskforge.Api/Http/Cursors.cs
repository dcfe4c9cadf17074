using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Taskforge.Api.Http;

/// <summary>
/// Opaque, tamper-evident list cursors: the keyset position as JSON, then an HMAC of it.
/// A client can hold and return a cursor but not forge or edit one.
/// </summary>
public sealed class Cursors(byte[] key)
{
    private const int MacBytes = 16;

    // Room for the longest keyset position: a 200-character title, every character JSON-escaped.
    private const int MaxCursorLength = 4096;

    public string Encode<T>(T position, JsonTypeInfo<T> type)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(position, type);
        var mac = HMACSHA256.HashData(key, payload).AsSpan(0, MacBytes);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(mac);
    }

    public bool TryDecode<T>(string? cursor, JsonTypeInfo<T> type, out T? position)
    {
        position = default;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxCursorLength)
        {
            return false;
        }

        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return false;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(cursor.AsSpan(0, dot));
            var mac = Base64Url.DecodeFromChars(cursor.AsSpan(dot + 1));
            var expected = HMACSHA256.HashData(key, payload).AsSpan(0, MacBytes);
            if (!CryptographicOperations.FixedTimeEquals(mac, expected))
            {
                return false;
            }

            position = JsonSerializer.Deserialize(payload, type);
            return position is not null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }
}
