using System.Diagnostics;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>
/// Runs the built service as its own process with a bad configuration: it must stop by itself,
/// with a non-zero exit code and one line on stderr naming the key to fix.
/// </summary>
public sealed class StartupConfigurationTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static TheoryData<string, string, string> BadConfigurations => new()
    {
        { "Database__Provider", "Mongo", "Database:Provider" },
        { "Database__Provider", "1", "Database:Provider" },
        { "Jwt__SigningKey", "short", "Jwt:SigningKey" },
        { "Jwt__AccessTokenMinutes", "0", "Jwt:AccessTokenMinutes" },
        { "Jwt__AccessTokenMinutes", "soon", "Jwt:AccessTokenMinutes" },
        { "ConnectionStrings__Sqlite", "Data Source=/dev/null/taskforge.db", "ConnectionStrings:Sqlite" },
        { "ConnectionStrings__Sqlite", "Nonsense=1", "ConnectionStrings:Sqlite" },
        { "Bootstrap__AdminEmail", "admin@example.test", "Bootstrap:Admin" },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public async Task A_bad_setting_stops_the_process_with_one_line_naming_the_key(string variable, string value, string key)
    {
        var run = await RunAsync(new Dictionary<string, string> { [variable] = value });

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.ErrorLines.Should().ContainSingle(run.ToString()).Which.Should().Contain(key);
        run.Output.Should().NotContain("   at ", "a configuration mistake is not a crash");
    }

    [Fact]
    public async Task Production_without_a_signing_key_stops_the_process_naming_the_key()
    {
        var run = await RunAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Jwt__SigningKey"] = "" });

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.ErrorLines.Should().ContainSingle(run.ToString()).Which.Should().Contain("Jwt:SigningKey");
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_stops_the_process_naming_the_key()
    {
        var run = await RunAsync(new Dictionary<string, string> { ["Database__Provider"] = "Postgres" });

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.ErrorLines.Should().ContainSingle(run.ToString()).Which.Should().Contain("ConnectionStrings:Postgres");
    }

    [Fact]
    public async Task An_unreachable_postgres_stops_the_process_naming_the_key()
    {
        var run = await RunAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=3",
        });

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.ErrorLines.Should().ContainSingle(run.ToString()).Which.Should().Contain("ConnectionStrings:Postgres");
    }

    private static async Task<ProcessRun> RunAsync(IReadOnlyDictionary<string, string> environment)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("taskforge-startup-");
        try
        {
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Taskforge.Api.dll")])
            {
                WorkingDirectory = workingDirectory.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            start.Environment["Jwt__SigningKey"] = TaskforgeApp.SigningKey;
            start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(workingDirectory.FullName, "taskforge.db")}";
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(Deadline);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new Xunit.Sdk.XunitException($"The service was still running after {Deadline.TotalSeconds} s: it accepted a bad configuration.");
            }

            return new ProcessRun(process.ExitCode, await output, await error);
        }
        finally
        {
            workingDirectory.Delete(recursive: true);
        }
    }

    private sealed record ProcessRun(int ExitCode, string Output, string Error)
    {
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public override string ToString() => $"exit {ExitCode}\nstderr:\n{Error}\nstdout:\n{Output}";
    }
}
