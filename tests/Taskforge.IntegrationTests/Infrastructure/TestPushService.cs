using System.Collections.Concurrent;
using System.Diagnostics;
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
    private readonly Process _process;
    private readonly ConcurrentQueue<ReceivedPush> _pushes = new();
    private readonly ConcurrentQueue<string> _invalid = new();
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpClient _http = new();

    private TestPushService(Process process) => _process = process;

    public Uri Origin { get; private set; } = null!;

    public IReadOnlyList<ReceivedPush> Pushes => _pushes.ToArray();

    /// <summary>Messages that failed verification or decryption (there should be none).</summary>
    public IReadOnlyList<string> Invalid => _invalid.ToArray();

    public static async Task<TestPushService> StartAsync()
    {
        var service = new TestPushService(new Process { StartInfo = NodePeer.Script("push-service.mjs") });
        service._process.OutputDataReceived += (_, line) => service.Read(line.Data);
        service._process.Start();
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        var started = await Task.WhenAny(service._listening.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        if (started != service._listening.Task)
        {
            await service.DisposeAsync();
            throw new TimeoutException("The test push service did not start listening within 20 s.");
        }

        service.Origin = new Uri($"http://127.0.0.1:{await service._listening.Task}");
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
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _http.Dispose();
    }

    private void Read(string? line)
    {
        if (string.IsNullOrWhiteSpace(line) || !line.StartsWith('{'))
        {
            return;
        }

        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        switch (root.GetProperty("event").GetString())
        {
            case "listening":
                _listening.TrySetResult(root.GetProperty("port").GetInt32());
                break;
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
