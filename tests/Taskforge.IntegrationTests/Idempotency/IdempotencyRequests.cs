using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Idempotency;

/// <summary>Requests with an Idempotency-Key, and what a replay must give back.</summary>
public static class IdempotencyRequests
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static string NewKey() => "key-" + Guid.NewGuid().ToString("N");

    public static Task<HttpResponseMessage> SendWithKeyAsync(
        this HttpClient client,
        HttpMethod method,
        string url,
        object? body,
        string? key
    )
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(
                body as string ?? JsonSerializer.Serialize(body, JsonSerializerOptions.Web),
                Encoding.UTF8,
                "application/json"
            );
        }

        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(KeyHeader, key);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostWithKeyAsync(
        this HttpClient client,
        string url,
        object? body,
        string key
    ) => client.SendWithKeyAsync(HttpMethod.Post, url, body, key);

    public static bool IsReplay(this HttpResponseMessage response) =>
        response.Headers.TryGetValues(ReplayedHeader, out var values) && values.SequenceEqual(["true"]);

    /// <summary>The parts a replay must repeat: status, body, Location, ETag, content type.</summary>
    public static async Task<(
        int Status,
        string Body,
        string? Location,
        string? ETag,
        string? ContentType
    )> AnswerAsync(this HttpResponseMessage response) =>
        (
            (int)response.StatusCode,
            await response.Content.ReadAsStringAsync(),
            response.Headers.Location?.ToString(),
            response.Headers.ETag?.ToString(),
            response.Content.Headers.ContentType?.ToString()
        );

    /// <summary>A browser's PushSubscription JSON with a real P-256 key, to a public address that is never called.</summary>
    public static object PushSubscription()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(false).Q;
        byte[] publicKey = [0x04, .. point.X!, .. point.Y!];
        return new
        {
            endpoint = $"https://93.184.215.14/push/{Guid.NewGuid():N}",
            keys = new
            {
                p256dh = System.Buffers.Text.Base64Url.EncodeToString(publicKey),
                auth = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            },
        };
    }

    /// <summary>A time as the app's database keeps it, as an SQL literal.</summary>
    public static string TimeLiteral(this TaskforgeApp app, DateTimeOffset time) =>
        app is SqliteApp
            ? "'"
                + time.UtcDateTime.ToString(
                    "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'",
                    System.Globalization.CultureInfo.InvariantCulture
                )
                + "'"
            : "'"
                + time.UtcDateTime.ToString(
                    "yyyy-MM-dd HH:mm:ss.ffffff",
                    System.Globalization.CultureInfo.InvariantCulture
                )
                + "+00'::timestamptz";

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}
