using System.Diagnostics;
using System.Text.Json;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>
/// One test peer script run by node (tests/node/*.mjs). Each script reports what happens as JSON
/// lines on stdout, <c>{"event": "...", ...}</c>; a server script first says
/// <c>{"event": "listening", "port": N}</c>. The wrappers (SMTP sink, webhook receiver, push
/// service, hub client) only say what their events mean.
/// </summary>
public sealed class NodePeerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly Action<string, JsonElement, string> _onEvent;
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private NodePeerProcess(Process process, Action<string, JsonElement, string> onEvent)
    {
        _process = process;
        _onEvent = onEvent;
    }

    /// <summary>
    /// Starts <paramref name="script"/>; <paramref name="onEvent"/> gets every event but
    /// <c>listening</c> as (name, the whole line parsed, the raw line).
    /// </summary>
    public static NodePeerProcess Start(
        string script,
        Action<string, JsonElement, string> onEvent,
        params string[] arguments
    )
    {
        var peer = new NodePeerProcess(new Process { StartInfo = NodePeer.Script(script, arguments) }, onEvent);
        peer._process.OutputDataReceived += (_, line) => peer.Read(line.Data);
        peer._process.Start();
        peer._process.BeginOutputReadLine();
        peer._process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>Starts a server script and answers it once it listens, with its port.</summary>
    public static async Task<(NodePeerProcess Peer, int Port)> StartListeningAsync(
        string script,
        string what,
        Action<string, JsonElement, string> onEvent,
        params string[] arguments
    )
    {
        var peer = Start(script, onEvent, arguments);
        var started = await Task.WhenAny(peer._listening.Task, Task.Delay(StartPatience));
        if (started != peer._listening.Task)
        {
            await peer.DisposeAsync();
            throw new TimeoutException($"{what} did not start listening within {StartPatience.TotalSeconds:0} s.");
        }

        return (peer, await peer._listening.Task);
    }

    /// <summary>Stops the peer; again is a no-op, so a test may stop it early and still hold it in a using.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Read(string? line)
    {
        if (string.IsNullOrWhiteSpace(line) || !line.StartsWith('{'))
        {
            return;
        }

        var root = JsonDocument.Parse(line).RootElement.Clone();
        var name = root.GetProperty("event").GetString() ?? "";
        if (name == "listening")
        {
            _listening.TrySetResult(root.GetProperty("port").GetInt32());
            return;
        }

        _onEvent(name, root, line);
    }
}
