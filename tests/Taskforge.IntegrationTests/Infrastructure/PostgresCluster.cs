using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>
/// A PostgreSQL server of one test's own, made the way scripts/test.sh makes the shared one
/// (initdb and pg_ctl from TASKFORGE_TEST_PG_BIN), so the test can shut it down and start it again
/// on the same port. PostgreSQL refuses to run as root, so as root it runs as 'postgres'.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private static readonly TimeSpan CommandDeadline = TimeSpan.FromSeconds(60);
    private readonly string _bin;
    private readonly string _data;

    private PostgresCluster(string bin, string data, int port)
    {
        _bin = bin;
        _data = data;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("TASKFORGE_TEST_PG_BIN") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "TASKFORGE_TEST_PG_BIN is not set: run the tests with scripts/test.sh, which finds PostgreSQL's binaries."
            );
        var data = Directory.CreateTempSubdirectory("taskforge-pg-outage-").FullName;
        if (IsRoot)
        {
            await RunAsync("chown", "postgres:postgres", data);
        }

        var cluster = new PostgresCluster(bin, data, FreePort());
        await cluster.AsOwnerAsync("initdb", "-D", data, "-U", "postgres", "-A", "trust", "--no-sync");
        await cluster.StartAgainAsync();
        return cluster;
    }

    /// <summary>A clean shutdown ("fast": sessions are ended), as an operator or a failover would do.</summary>
    public Task StopAsync() => AsOwnerAsync("pg_ctl", "-D", _data, "-m", "fast", "-w", "stop");

    public Task StartAgainAsync() =>
        AsOwnerAsync(
            "pg_ctl",
            "-D",
            _data,
            "-l",
            Path.Combine(_data, "server.log"),
            "-w",
            "start",
            "-o",
            $"-p {Port} -k {_data} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
        );

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsOwnerAsync("pg_ctl", "-D", _data, "-m", "immediate", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_data, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task AsOwnerAsync(string program, params string[] arguments) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments])
            : RunAsync(Path.Combine(_bin, program), arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandDeadline);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await error}\n{await output}"
            );
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
