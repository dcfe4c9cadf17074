using System.Collections.Concurrent;
using System.Text.Json;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>
/// The official SignalR JavaScript client (npm @microsoft/signalr, run by node through
/// tests/node/hub-client.mjs) connected to a running service's hub as one user's app.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private NodePeerProcess _peer = null!;
    private readonly ConcurrentQueue<JsonElement> _events = new();
    private readonly TaskCompletionSource<JsonElement> _outcome = new(
        TaskCreationOptions.RunContinuationsAsynchronously
    );
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<JsonElement> Events => _events.ToArray();

    /// <summary>Connects; answers the client once the hub accepted it, or throws with the reason it did not.</summary>
    public static async Task<HubClient> ConnectAsync(Uri service, string accessToken, string transport)
    {
        var client = await TryConnectAsync(service, accessToken, transport);
        var outcome = await client._outcome.Task;
        if (outcome.GetProperty("event").GetString() != "connected")
        {
            await client.DisposeAsync();
            throw new InvalidOperationException($"The hub refused the connection: {outcome}");
        }

        return client;
    }

    /// <summary>Starts a connection attempt; <see cref="OutcomeAsync"/> tells how it ended.</summary>
    public static Task<HubClient> TryConnectAsync(Uri service, string accessToken, string transport)
    {
        var client = new HubClient();
        client._peer = NodePeerProcess.Start(
            "hub-client.mjs",
            client.On,
            service.ToString().TrimEnd('/'),
            accessToken,
            transport
        );
        return Task.FromResult(client);
    }

    public async Task<JsonElement> OutcomeAsync()
    {
        // Generous: node starting under the full suite plus the cluster tests on 2 cores once took over 30 s.
        var first = await Task.WhenAny(_outcome.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        return first == _outcome.Task
            ? await _outcome.Task
            : throw new TimeoutException("The hub client did not connect or fail within 60 s.");
    }

    public async Task<JsonElement> WaitForEventAsync(Func<JsonElement, bool> match, string what)
    {
        JsonElement found = default;
        await Deadline.WaitUntilAsync(
            () =>
            {
                var hit = Events.Where(match).ToList();
                if (hit.Count > 0)
                {
                    found = hit[0];
                }

                return Task.FromResult(hit.Count > 0);
            },
            TimeSpan.FromSeconds(30),
            what
        );
        return found;
    }

    public Task WaitUntilClosedAsync() =>
        Deadline.WaitUntilAsync(
            () => Task.FromResult(_closed.Task.IsCompleted),
            TimeSpan.FromSeconds(10),
            "the hub to close the connection"
        );

    public ValueTask DisposeAsync() => _peer.DisposeAsync();

    private void On(string name, JsonElement root, string line)
    {
        switch (name)
        {
            case "message":
                _events.Enqueue(root.GetProperty("envelope"));
                break;
            case "closed":
                _closed.TrySetResult();
                _outcome.TrySetResult(root);
                break;
            default:
                _outcome.TrySetResult(root);
                break;
        }
    }
}
