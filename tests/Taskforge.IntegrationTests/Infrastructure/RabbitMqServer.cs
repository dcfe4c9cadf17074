using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>
/// A private rabbitmq-server: its own node name, ports, cookie, configuration and data under a
/// directory of its own, no plugins, and a user with a password of its own. A test may stop it and
/// start it again (same node, data and port: durable queues and persistent messages survive), or
/// pause it (the port still accepts connections, nothing answers), as outages look.
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(120);
    private readonly string _directory;
    private readonly string _dataDirectory;
    private readonly string _nodeName;
    private readonly int _distributionPort;
    private readonly Queue<string> _output = new();
    private Process? _process;
    private bool _paused;

    private RabbitMqServer(string directory)
    {
        _directory = directory;
        _dataDirectory = DataDirectory(directory);
        _nodeName = $"taskforge-test-{Guid.NewGuid():N}@localhost";
        Port = FreePort();
        _distributionPort = FreePort();
        Password = "rmq-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
    }

    public int Port { get; }

    public string UserName => "taskforge";

    /// <summary>Random per broker, so a test can look for it where it must never appear (logs).</summary>
    public string Password { get; }

    public string Uri => $"amqp://{UserName}:{Password}@127.0.0.1:{Port}/";

    /// <summary>The broker's last lines of output, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static async Task<RabbitMqServer> StartAsync()
    {
        var server = new RabbitMqServer(Directory.CreateTempSubdirectory("taskforge-rabbitmq-").FullName);
        server.WriteFiles();
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the (stopped) node again and waits until its AMQP port accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        _process?.Dispose();
        var start = new ProcessStartInfo(Executable())
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in Variables())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Collect(line.Data);
        process.ErrorDataReceived += (_, line) => Collect(line.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("rabbitmq-server did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await Deadline.WaitUntilAsync(
            async () =>
                process.HasExited
                    ? throw new InvalidOperationException(
                        $"rabbitmq-server exited with {process.ExitCode} while starting:\n{Output}"
                    )
                    : await AcceptsConnectionsAsync(),
            StartDeadline,
            $"rabbitmq-server to accept connections on port {Port}"
        );
    }

    /// <summary>Stops the node as an operator would (SIGTERM: a clean shutdown) and waits until it has exited.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        await ResumeAsync();
        await SignalAsync(process.Id, "TERM");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Freezes the Erlang VM (SIGSTOP): connections are accepted by the kernel and then hang.</summary>
    public async Task PauseAsync()
    {
        await SignalAsync(VirtualMachineId(), "STOP");
        _paused = true;
    }

    public async Task ResumeAsync()
    {
        if (_paused)
        {
            await SignalAsync(VirtualMachineId(), "CONT");
            _paused = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    // Debian's /usr/sbin/rabbitmq-server switches to the rabbitmq user; the script it runs does not.
    private static string Executable() =>
        File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server")
            ? "/usr/lib/rabbitmq/bin/rabbitmq-server"
            : "rabbitmq-server";

    private Dictionary<string, string> Variables() =>
        new(StringComparer.Ordinal)
        {
            ["HOME"] = _directory,
            ["RABBITMQ_NODENAME"] = _nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = _dataDirectory,
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log"),
            ["RABBITMQ_LOGS"] = "-",
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_directory, "advanced.config"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_directory, "rabbitmq-env.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins"),
            ["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(_directory, "plugins-expand"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(_directory, "rabbitmq.pid"),
        };

    private void WriteFiles()
    {
        File.WriteAllText(
            Path.Combine(_directory, "rabbitmq.conf"),
            $"""
            default_user = {UserName}
            default_pass = {Password}
            """
        );
        File.WriteAllText(Path.Combine(_directory, "enabled_plugins"), "[].");
        File.WriteAllText(Path.Combine(_directory, "rabbitmq-env.conf"), "");
        var cookie = Path.Combine(_directory, ".erlang.cookie");
        File.WriteAllText(cookie, Convert.ToHexString(RandomNumberGenerator.GetBytes(10)));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }
    }

    // Mnesia syncs every write; on a RAM file system the broker starts in half the time.
    private static string DataDirectory(string directory)
    {
        const string shm = "/dev/shm";
        return Directory.Exists(shm) && new DriveInfo(shm).AvailableFreeSpace > 1L << 30
            ? Path.Combine(shm, Path.GetFileName(directory))
            : Path.Combine(directory, "mnesia");
    }

    private int VirtualMachineId() =>
        int.Parse(
            File.ReadAllText(Path.Combine(_directory, "rabbitmq.pid")).Trim(),
            System.Globalization.CultureInfo.InvariantCulture
        );

    private static async Task SignalAsync(int processId, string signal)
    {
        using var kill =
            Process.Start("kill", [$"-{signal}", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("kill did not start.");
        await kill.WaitForExitAsync();
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > 200)
            {
                _output.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
