using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>
/// A test push service (tests/node/push-service.mjs) on loopback: it makes browser-like
/// subscriptions, verifies each message's VAPID signature and claims, decrypts it with the
/// reference http_ece package, and reports every verified message here.
/// </summary>
public sealed class TestPushService : IAsyncDisposable
{
    private NodePeerProcess _peer = null!;
    private readonly ConcurrentQueue<ReceivedPush> _pushes = new();
    private readonly ConcurrentQueue<string> _invalid = new();
    private readonly HttpClient _http = new();

    public Uri Origin { get; private set; } = null!;

    public IReadOnlyList<ReceivedPush> Pushes => _pushes.ToArray();

    /// <summary>Messages that failed verification or decryption (there should be none).</summary>
    public IReadOnlyList<string> Invalid => _invalid.ToArray();

    public static async Task<TestPushService> StartAsync()
    {
        var service = new TestPushService();
        var (peer, port) = await NodePeerProcess.StartListeningAsync(
            "push-service.mjs",
            "The test push service",
            service.On
        );
        service._peer = peer;
        service.Origin = new Uri($"http://127.0.0.1:{port}");
        return service;
    }

    /// <summary>A VAPID key pair made by the web-push package: {publicKey, privateKey}.</summary>
    public async Task<(string PublicKey, string PrivateKey)> VapidKeysAsync()
    {
        var keys = await _http.GetFromJsonAsync<JsonElement>(new Uri(Origin, "/vapid"));
        return (keys.GetProperty("publicKey").GetString()!, keys.GetProperty("privateKey").GetString()!);
    }

    /// <summary>A new subscription, as a browser's PushSubscription.toJSON(): {endpoint, keys: {p256dh, auth}}.</summary>
    public async Task<JsonElement> SubscribeAsync() =>
        await _http.GetFromJsonAsync<JsonElement>(new Uri(Origin, "/subscribe"));

    /// <summary>The statuses the next messages to this endpoint are answered with (201 after them).</summary>
    public async Task ScriptAsync(string endpoint, params int[] statuses)
    {
        var id = endpoint[(endpoint.LastIndexOf('/') + 1)..];
        (await _http.PostAsJsonAsync(new Uri(Origin, $"/script/{id}"), statuses)).EnsureSuccessStatusCode();
    }

    public IReadOnlyList<ReceivedPush> PushesTo(string endpoint) =>
        Pushes.Where(p => endpoint.EndsWith("/" + p.Subscription, StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        await _peer.DisposeAsync();
        _http.Dispose();
    }

    private void On(string name, JsonElement root, string line)
    {
        switch (name)
        {
            case "invalid":
                _invalid.Enqueue(root.GetProperty("reason").GetString()!);
                break;
            case "push":
                _pushes.Enqueue(root.Deserialize<ReceivedPush>(JsonSerializerOptions.Web)!);
                break;
        }
    }
}

public sealed record ReceivedPush(
    string Subscription,
    int Status,
    string? Ttl,
    string? Urgency,
    ReceivedVapid Vapid,
    JsonElement Payload
);

public sealed record ReceivedVapid(string K, string Sub, string Aud, long Exp);
