using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Telemetry;

/// <summary>
/// The service as an operator runs it (its own process, Production, JSON lines on stdout), with
/// every category at Trace. What it prints is read in full: one request line per request, an
/// error line an operator can find by trace id, and none of the secrets the scenario used.
/// </summary>
public abstract class ServiceLogsTests
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(150);
    private static readonly string SigningKey = "logs-test-signing-key-" + Guid.NewGuid().ToString("N");

    /// <summary>Settings that put the service on its database; the secret in them (if any) must never be printed.</summary>
    protected abstract Task<(IReadOnlyDictionary<string, string> Settings, string? Secret)> DatabaseAsync();

    /// <summary>Breaks one table behind the service's back: the next read of it is a bug, not an outage.</summary>
    protected abstract Task DropTableAsync(string workingDirectory, string table);

    protected abstract Task DisposeDatabaseAsync();

    [Fact]
    public async Task A_full_scenario_at_trace_level_prints_request_lines_and_none_of_its_secrets()
    {
        const string smtpPassword = "smtp-password-never-logged-5f1c";
        await using var smtp = await SmtpSink.StartAsync(requireLogin: "taskforge:the-right-smtp-password");
        var (database, databaseSecret) = await DatabaseAsync();
        try
        {
            await using var service = Start(
                database,
                new Dictionary<string, string>
                {
                    ["Email__Smtp__Host"] = "127.0.0.1",
                    ["Email__Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Email__Smtp__Username"] = "taskforge",
                    ["Email__Smtp__Password"] = smtpPassword,
                }
            );
            using var client = new HttpClient { BaseAddress = await service.WaitUntilListeningAsync(StartDeadline) };
            var secrets = new List<string> { smtpPassword, SigningKey };
            if (databaseSecret is not null)
            {
                secrets.Add(databaseSecret);
            }

            var email = TestUsers.NewEmail("logs");
            const string firstPassword = "first-password-never-logged-1";
            const string secondPassword = "second-password-never-logged-2";
            const string wrongPassword = "wrong-password-never-logged-3";
            secrets.AddRange([firstPassword, secondPassword, wrongPassword]);

            var registered = await client.PostJsonAsync(
                "/api/v1/auth/register",
                new
                {
                    email,
                    password = firstPassword,
                    firstName = "Log",
                    lastName = "Reader",
                }
            );
            registered.EnsureStatus(HttpStatusCode.Created);
            var userId = (await registered.JsonAsync()).GetProperty("id").GetString()!;
            (await client.PostJsonAsync("/api/v1/auth/login", new { email, password = wrongPassword })).EnsureStatus(
                HttpStatusCode.Unauthorized
            );
            var first = await LogInAsync(client, email, firstPassword);
            var refreshed = await client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = first.Refresh });
            refreshed.EnsureStatus(HttpStatusCode.OK);
            var second = await TokensAsync(refreshed);
            var changed = await Authorized(client, HttpMethod.Post, "/api/v1/users/me/password", second.Access);
            changed.Content = JsonContent.Create(new { currentPassword = firstPassword, newPassword = secondPassword });
            (await client.SendAsync(changed)).EnsureStatus(HttpStatusCode.NoContent);
            var third = await LogInAsync(client, email, secondPassword);
            secrets.AddRange([first.Access, first.Refresh, second.Access, second.Refresh, third.Access, third.Refresh]);

            var hook = await Authorized(client, HttpMethod.Post, "/api/v1/webhooks", third.Access);
            hook.Content = JsonContent.Create(
                new
                {
                    url = $"http://127.0.0.1:{SmtpSink.FreePort()}/hooks",
                    events = new[] { "*" },
                    description = "logs",
                }
            );
            var webhook = await client.SendAsync(hook);
            webhook.EnsureStatus(HttpStatusCode.Created);
            var webhookSecret = (await webhook.JsonAsync()).GetProperty("secret").GetString()!;
            secrets.AddRange([webhookSecret, webhookSecret["whsec_".Length..]]);

            // The official client sends the token as ?access_token=... on the WebSocket upgrade.
            await using (var hub = await HubClient.ConnectAsync(client.BaseAddress!, third.Access, "webSockets"))
            {
                var task = await Authorized(client, HttpMethod.Post, "/api/v1/tasks", third.Access);
                task.Content = JsonContent.Create(new { title = "seen live" });
                (await client.SendAsync(task)).EnsureStatus(HttpStatusCode.Created);
                await hub.WaitForEventAsync(e => e.GetProperty("type").GetString() == "task.created", "task.created");
            }

            const string forgedToken = "forged-bearer-never-logged-0a9b";
            secrets.Add(forgedToken);
            (
                await client.SendAsync(await Authorized(client, HttpMethod.Get, "/api/v1/users/me", forgedToken))
            ).EnsureStatus(HttpStatusCode.Unauthorized);
            (await client.PostJsonAsync("/api/v1/auth/logout", new { refreshToken = third.Refresh })).EnsureStatus(
                HttpStatusCode.NoContent
            );

            // The welcome and password-changed mails try to log in with the wrong password; the
            // failed delivery is logged (with the relay's answer) and retried.
            await Deadline.WaitUntilAsync(
                () =>
                    Task.FromResult(
                        smtp.AuthRefused > 0 && service.Output.Contains("failed (attempt", StringComparison.Ordinal)
                    ),
                TimeSpan.FromSeconds(60),
                "a refused SMTP login, logged as a failed delivery"
            );
            await Deadline.WaitUntilAsync(
                () => Task.FromResult(RequestLines(service).Any(l => Route(l) == "/api/v1/auth/logout")),
                TimeSpan.FromSeconds(20),
                "the logout's request line"
            );

            var everything = service.Output + service.Error;
            foreach (var secret in secrets)
            {
                everything.Should().NotContain(secret, "no secret the scenario used may be printed");
            }

            // The output really was at Trace and JSON, or the check above proves nothing.
            var lines = JsonLines(service);
            lines.Should().Contain(l => l.GetProperty("LogLevel").GetString() == "Trace");
            lines.Should().Contain(l => l.GetProperty("LogLevel").GetString() == "Debug");
            var requests = RequestLines(service);
            var login = requests.Last(l => Route(l) == "/api/v1/auth/login");
            State(login, "Method").Should().Be("POST");
            State(login, "StatusCode").Should().Be("200");
            double.Parse(State(login, "DurationMs")!, System.Globalization.CultureInfo.InvariantCulture)
                .Should()
                .BeGreaterThan(0);
            State(login, "TraceId").Should().MatchRegex("^[0-9a-f]{32}$");
            var created = requests.Single(l =>
                Route(l)?.TrimEnd('/') == "/api/v1/tasks" && State(l, "Method") == "POST"
            );
            State(created, "StatusCode").Should().Be("201");
            State(created, "UserId").Should().Be(userId);
            requests
                .Should()
                .Contain(
                    l => Route(l) != null && Route(l)!.StartsWith("/hubs/notifications", StringComparison.Ordinal),
                    "the hub's requests are logged too"
                );
            requests.Should().Contain(l => State(l, "StatusCode") == "401" && Route(l) == "/api/v1/users/me");
        }
        finally
        {
            await DisposeDatabaseAsync();
        }
    }

    [Fact]
    public async Task An_unhandled_exception_is_one_error_line_with_the_trace_id_and_a_bare_500_for_the_client()
    {
        var (database, _) = await DatabaseAsync();
        try
        {
            await using var service = Start(database, new Dictionary<string, string>());
            using var client = new HttpClient { BaseAddress = await service.WaitUntilListeningAsync(StartDeadline) };
            (await client.GetAsync("/api/v1/app-versions/ios?current=1.0.0")).EnsureStatus(HttpStatusCode.NotFound);
            await DropTableAsync(service.WorkingDirectory, "app_versions");

            var failed = await client.GetAsync("/api/v1/app-versions/ios?current=1.0.0");

            failed.EnsureStatus(HttpStatusCode.InternalServerError);
            var body = await failed.Content.ReadAsStringAsync();
            body.Should().NotContainAny("app_versions", "Exception", "   at ");
            var traceId = JsonDocument.Parse(body).RootElement.GetProperty("traceId").GetString()!;
            await Deadline.WaitUntilAsync(
                () => Task.FromResult(RequestLines(service).Any(l => State(l, "StatusCode") == "500")),
                TimeSpan.FromSeconds(20),
                "the failed request's line"
            );
            var errors = JsonLines(service).Where(l => l.GetProperty("LogLevel").GetString() == "Error").ToList();
            var error = errors.Should().ContainSingle("one error line per unhandled exception").Subject;
            traceId.Should().Contain(ScopeValue(error, "TraceId")!, "the problem's traceId finds the error line");
            error.GetProperty("Exception").GetString().Should().Contain("app_versions", "the operator sees the cause");
            var line = RequestLines(service).Single(l => State(l, "StatusCode") == "500");
            State(line, "Route").Should().Be("/api/v1/app-versions/{platform}");
            State(line, "TraceId").Should().Be(ScopeValue(error, "TraceId"));
        }
        finally
        {
            await DisposeDatabaseAsync();
        }
    }

    private static ServiceProcess Start(
        IReadOnlyDictionary<string, string> database,
        IReadOnlyDictionary<string, string> settings
    )
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Jwt__SigningKey"] = SigningKey,
            ["Outbound__AllowPrivateTargets"] = "true",
            ["RateLimiting__Enabled"] = "false",
            // Every category at Trace, for every provider: the most an operator can turn on.
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
            ["Logging__LogLevel__System"] = "Trace",
            ["Logging__Console__LogLevel__Default"] = "Trace",
        };
        foreach (var (key, value) in database.Concat(settings))
        {
            environment[key] = value;
        }

        return ServiceProcess.Start(environment);
    }

    private static async Task<(string Access, string Refresh)> LogInAsync(
        HttpClient client,
        string email,
        string password
    )
    {
        var login = await client.PostJsonAsync("/api/v1/auth/login", new { email, password });
        login.EnsureStatus(HttpStatusCode.OK);
        return await TokensAsync(login);
    }

    private static async Task<(string Access, string Refresh)> TokensAsync(HttpResponseMessage response)
    {
        var tokens = await response.JsonAsync();
        return (tokens.GetProperty("accessToken").GetString()!, tokens.GetProperty("refreshToken").GetString()!);
    }

    private static Task<HttpRequestMessage> Authorized(
        HttpClient client,
        HttpMethod method,
        string path,
        string accessToken
    )
    {
        var request = new HttpRequestMessage(method, new Uri(client.BaseAddress!, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return Task.FromResult(request);
    }

    private static List<JsonElement> JsonLines(ServiceProcess service) =>
        service
            .Output.Split('\n')
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToList();

    private static List<JsonElement> RequestLines(ServiceProcess service) =>
        JsonLines(service)
            .Where(l => l.GetProperty("Category").GetString() == "Taskforge.Api.Telemetry.RequestLog")
            .ToList();

    private static string? Route(JsonElement line) => State(line, "Route");

    private static string? State(JsonElement line, string name) =>
        line.GetProperty("State").TryGetProperty(name, out var value) ? value.ToString() : null;

    private static string? ScopeValue(JsonElement line, string name) =>
        line.TryGetProperty("Scopes", out var scopes)
            ? scopes
                .EnumerateArray()
                .Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out _))
                .Select(s => s.GetProperty(name).ToString())
                .FirstOrDefault()
            : null;
}

/// <summary>On the default SQLite file under the process's working directory.</summary>
public sealed class SqliteServiceLogsTests : ServiceLogsTests
{
    protected override Task<(IReadOnlyDictionary<string, string> Settings, string? Secret)> DatabaseAsync() =>
        Task.FromResult<(IReadOnlyDictionary<string, string>, string?)>((new Dictionary<string, string>(), null));

    protected override async Task DropTableAsync(string workingDirectory, string table)
    {
        var file = Path.Combine(workingDirectory, "data", "taskforge.db");
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP TABLE {table}";
        await command.ExecuteNonQueryAsync();
    }

    protected override Task DisposeDatabaseAsync() => Task.CompletedTask;
}

/// <summary>On a database of its own, reached as a role whose password is in the connection string.</summary>
public sealed class PostgresServiceLogsTests : ServiceLogsTests
{
    private readonly string _name = "taskforge_logs_" + Guid.NewGuid().ToString("N");
    private readonly string _password = "pg-password-never-logged-" + Guid.NewGuid().ToString("N")[..8];

    protected override async Task<(IReadOnlyDictionary<string, string> Settings, string? Secret)> DatabaseAsync()
    {
        await RunAsync(PostgresApp.ServerConnectionString, $"CREATE ROLE \"{_name}\" LOGIN PASSWORD '{_password}'");
        await RunAsync(PostgresApp.ServerConnectionString, $"CREATE DATABASE \"{_name}\" OWNER \"{_name}\"");
        var connection = new NpgsqlConnectionStringBuilder(PostgresApp.ServerConnectionString)
        {
            Database = _name,
            Username = _name,
            Password = _password,
        };
        return (
            new Dictionary<string, string>
            {
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__Postgres"] = connection.ToString(),
            },
            _password
        );
    }

    protected override Task DropTableAsync(string workingDirectory, string table) =>
        RunAsync(
            new NpgsqlConnectionStringBuilder(PostgresApp.ServerConnectionString) { Database = _name }.ToString(),
            $"DROP TABLE {table}"
        );

    protected override async Task DisposeDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync(PostgresApp.ServerConnectionString, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
        await RunAsync(PostgresApp.ServerConnectionString, $"DROP ROLE IF EXISTS \"{_name}\"");
    }

    private static async Task RunAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
