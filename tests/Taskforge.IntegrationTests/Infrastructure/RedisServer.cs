using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>A real redis-server process on a free loopback port, which a test may stop mid-way.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var port = FreePort();
        var server = new RedisServer(Launch(port), port);
        await Deadline.WaitUntilAsync(server.AnswersPingAsync, TimeSpan.FromSeconds(10), "redis-server to answer PING");
        return server;
    }

    /// <summary>Starts a new, empty redis-server on the same port after <see cref="StopAsync"/>, as a restarted server would come back.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _process.Dispose();
        _process = Launch(Port);
        await Deadline.WaitUntilAsync(AnswersPingAsync, TimeSpan.FromSeconds(10), "redis-server to answer PING again");
    }

    private static Process Launch(int port) =>
        Process.Start(
            new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }
        )
        ?? throw new InvalidOperationException("redis-server did not start (is the redis-server package installed?).");

    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>How many clients subscribe to <paramref name="channel"/> (<c>PUBSUB NUMSUB</c>).</summary>
    public async Task<long> SubscribersAsync(string channel)
    {
        // The reply is *2, the channel as a bulk string, then :N.
        var reply = await CommandAsync($"PUBSUB NUMSUB {channel}");
        var count = reply.Split("\r\n").Last(line => line.StartsWith(':'));
        return long.Parse(count[1..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="key"/> exists (<c>EXISTS</c>).</summary>
    public async Task<bool> ExistsAsync(string key) =>
        (await CommandAsync($"EXISTS {key}")).StartsWith(":1", StringComparison.Ordinal);

    // One inline command on a connection of its own; a short reply fits in one read on loopback.
    private async Task<string> CommandAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        var buffer = new byte[256];
        return Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
