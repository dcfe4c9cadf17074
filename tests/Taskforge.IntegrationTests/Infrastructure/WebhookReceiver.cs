using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>
/// A webhook receiver (tests/node/webhook-receiver.mjs) on loopback that verifies every delivery
/// with the reference Standard Webhooks library (npm standardwebhooks). Each endpoint has its own
/// secret and can fail its first deliveries, answer any status, redirect, or answer slowly.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private NodePeerProcess _peer = null!;
    private readonly HttpClient _control = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _deliveries = new();
    private readonly ConcurrentQueue<string> _rejected = new();

    public int Port { get; private set; }

    /// <summary>Every delivery that verified, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Deliveries => _deliveries.ToArray();

    /// <summary>Requests that did not verify, or reached no endpoint: each one a failure of the service.</summary>
    public IReadOnlyList<string> Rejected => _rejected.ToArray();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        (receiver._peer, receiver.Port) = await NodePeerProcess.StartListeningAsync(
            "webhook-receiver.mjs",
            "The webhook receiver",
            receiver.On
        );
        return receiver;
    }

    public string Url(string name) => $"http://127.0.0.1:{Port}/{name}";

    /// <summary>Sets up (or changes) the endpoint <paramref name="name"/>.</summary>
    public async Task EndpointAsync(
        string name,
        string secret,
        int failFirst = 0,
        int failStatus = 500,
        int status = 200,
        string? redirectTo = null,
        int delayMs = 0
    )
    {
        var set = await _control.PutAsJsonAsync(
            $"http://127.0.0.1:{Port}/__control/{name}",
            new
            {
                secret,
                failFirst,
                failStatus,
                status,
                redirectTo,
                delayMs,
            }
        );
        set.EnsureSuccessStatusCode();
    }

    public IReadOnlyList<ReceivedWebhook> DeliveriesTo(string name) => Deliveries.Where(d => d.Name == name).ToList();

    /// <summary>Waits until the endpoint has had <paramref name="count"/> verified deliveries that match.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(
        string name,
        int count,
        Func<ReceivedWebhook, bool>? match = null,
        TimeSpan? timeout = null
    )
    {
        List<ReceivedWebhook> found = [];
        await Deadline.WaitUntilAsync(
            () =>
            {
                found = DeliveriesTo(name).Where(match ?? (_ => true)).ToList();
                return Task.FromResult(found.Count >= count);
            },
            timeout ?? TimeSpan.FromSeconds(20),
            $"{count} deliveries to {name} (have {found.Count}; rejected: {string.Join("; ", Rejected)})"
        );
        return found;
    }

    public async ValueTask DisposeAsync()
    {
        await _peer.DisposeAsync();
        _control.Dispose();
    }

    private void On(string name, JsonElement root, string line)
    {
        switch (name)
        {
            case "delivery":
                _deliveries.Enqueue(root.Deserialize<ReceivedWebhook>(JsonSerializerOptions.Web)!);
                break;
            default:
                _rejected.Enqueue(line);
                break;
        }
    }
}

/// <summary>One verified delivery: the receiver's answer, the Standard Webhooks headers and the envelope.</summary>
public sealed record ReceivedWebhook(
    string Name,
    int Status,
    string Id,
    long Timestamp,
    string? ContentType,
    string Type,
    JsonElement Payload
)
{
    public JsonElement Data => Payload.GetProperty("data");
}
