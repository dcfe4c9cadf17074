using System.Net;
using System.Net.Sockets;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP relay between the app and a database server that counts round trips: on each
/// connection, the first bytes the client sends after the server has answered start one. A
/// client that sends several statements together (a batch, a BEGIN riding on a query) makes one
/// round trip of them, as the network sees it.
/// </summary>
public sealed class RoundTripCounter : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _serverHost;
    private readonly int _serverPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _relays = [];
    private Task _accepting = Task.CompletedTask;
    private int _roundTrips;

    private RoundTripCounter(string serverHost, int serverPort)
    {
        _serverHost = serverHost;
        _serverPort = serverPort;
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int RoundTrips => Volatile.Read(ref _roundTrips);

    public static RoundTripCounter Start(string serverHost, int serverPort)
    {
        var counter = new RoundTripCounter(serverHost, serverPort);
        counter._listener.Start();
        counter._accepting = counter.AcceptAsync();
        return counter;
    }

    /// <summary>The round trips made while <paramref name="action"/> ran.</summary>
    public async Task<int> CountAsync(Func<Task> action)
    {
        var before = RoundTrips;
        await action();
        return RoundTrips - before;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] relays;
        lock (_relays)
        {
            relays = [.. _relays];
        }

        await Task.WhenAll(relays);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_relays)
                {
                    _relays.Add(RelayAsync(client));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_serverHost, _serverPort, _stop.Token);
            var connection = new Turns();
            using var either = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var fromClient = PumpAsync(
                client.GetStream(),
                server.GetStream(),
                connection,
                fromClient: true,
                either.Token
            );
            var fromServer = PumpAsync(
                server.GetStream(),
                client.GetStream(),
                connection,
                fromClient: false,
                either.Token
            );
            await Task.WhenAny(fromClient, fromServer);
            await either.CancelAsync();
            await Task.WhenAll(fromClient, fromServer);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
        {
            // One side closed, or the counter stopped.
        }
    }

    private async Task PumpAsync(Stream from, Stream to, Turns turns, bool fromClient, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, ct)) > 0)
            {
                // Marked before the bytes are passed on: the other side cannot answer them earlier.
                if (fromClient)
                {
                    if (turns.ServerAnswered)
                    {
                        turns.ServerAnswered = false;
                        Interlocked.Increment(ref _roundTrips);
                    }
                }
                else
                {
                    turns.ServerAnswered = true;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The connection ended.
        }
    }

    private sealed class Turns
    {
        private volatile bool _serverAnswered = true;

        public bool ServerAnswered
        {
            get => _serverAnswered;
            set => _serverAnswered = value;
        }
    }
}
