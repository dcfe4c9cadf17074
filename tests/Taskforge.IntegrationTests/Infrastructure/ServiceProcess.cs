using System.Diagnostics;
using System.Text;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>
/// The built service (Taskforge.Api.dll) run by <c>dotnet</c> as a process of its own, in a
/// working directory of its own, as an operator would start it. Disposing stops it, and removes
/// the directory if it made it.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const string ListeningLine = "Now listening on: ";
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly bool _ownsWorkingDirectory;

    private ServiceProcess(Process process, string workingDirectory, bool ownsWorkingDirectory)
    {
        _process = process;
        WorkingDirectory = workingDirectory;
        _ownsWorkingDirectory = ownsWorkingDirectory;
    }

    public string WorkingDirectory { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the service in Development, on its default SQLite file under <paramref name="workingDirectory"/>
    /// (a new one when null), with the test signing key and a free port, unless <paramref name="environment"/>
    /// says otherwise.
    /// </summary>
    public static ServiceProcess Start(
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        params string[] arguments
    ) => Start("Taskforge.Api.dll", environment, workingDirectory, arguments);

    /// <summary>Starts <c>Taskforge.Worker</c> (the background work alone) the same way; wait with <see cref="WaitUntilStartedAsync"/>.</summary>
    public static ServiceProcess StartWorker(
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null
    ) => Start("Taskforge.Worker.dll", environment, workingDirectory, []);

    private static ServiceProcess Start(
        string program,
        IReadOnlyDictionary<string, string>? environment,
        string? workingDirectory,
        string[] arguments
    )
    {
        var ownsWorkingDirectory = workingDirectory is null;
        workingDirectory ??= Directory.CreateTempSubdirectory("taskforge-process-").FullName;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, program), .. arguments])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";

        // The worker's generic host reads DOTNET_ENVIRONMENT; the API must only see the one a test sets.
        if (program == "Taskforge.Worker.dll")
        {
            start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        }
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Jwt__SigningKey"] = TaskforgeApp.SigningKey;
        start.Environment["Testing__PasswordHashIterations"] = "2000";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var service = new ServiceProcess(new Process { StartInfo = start }, workingDirectory, ownsWorkingDirectory);
        service._process.OutputDataReceived += (_, line) => service.Collect(service._output, line.Data);
        service._process.ErrorDataReceived += (_, line) => service.Collect(service._error, line.Data);
        service._process.Start();
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        return service;
    }

    /// <summary>The address the service listens on, once it says so; fails if it exits or takes too long.</summary>
    public async Task<Uri> WaitUntilListeningAsync(TimeSpan deadline)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(deadline));
        if (first != _listening.Task)
        {
            throw new Xunit.Sdk.XunitException(
                $"The service did not start listening within {deadline.TotalSeconds} s.\n{this}"
            );
        }

        return await _listening.Task;
    }

    /// <summary>Waits for the host's "Application started" line (a worker has no address to announce).</summary>
    public async Task WaitUntilStartedAsync(TimeSpan deadline)
    {
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(_started.Task, exited, Task.Delay(deadline)) != _started.Task)
        {
            throw new Xunit.Sdk.XunitException($"The process did not start within {deadline.TotalSeconds} s.\n{this}");
        }
    }

    /// <summary>Asks the process to stop (SIGTERM), as an orchestrator does; wait with <see cref="WaitForExitAsync"/>.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(
            "kill",
            ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]
        );
        await kill.WaitForExitAsync();
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash would: nothing is handed back.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException(
                $"The service was still running after {deadline.TotalSeconds} s.\n{this}"
            );
        }

        // The parameterless wait also drains the redirected output.
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_ownsWorkingDirectory)
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
    }

    public override string ToString() => $"stderr:\n{Error}\nstdout:\n{Output}";

    private void Collect(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }

        if (line.Contains("Application started", StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }

        var at = line.IndexOf(ListeningLine, StringComparison.Ordinal);
        if (at >= 0)
        {
            // A plain console line ends with the address; a JSON line goes on after a quote.
            var address = line[(at + ListeningLine.Length)..].Split('"', ' ')[0].Trim();
            _listening.TrySetResult(new Uri(address));
        }
    }
}
