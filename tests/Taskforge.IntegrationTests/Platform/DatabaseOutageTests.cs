using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>
/// The database goes away under a running app and comes back: meanwhile every request that needs
/// it is a 503 problem with Retry-After (never a 500, never a 401), and afterwards the same app,
/// not restarted, serves again. Each class owns its app and its database, because it takes it away.
/// </summary>
public abstract class DatabaseOutageTests
{
    private static readonly TimeSpan Resumes = TimeSpan.FromSeconds(30);

    /// <summary>An app on a database of its own, which the test can take away and bring back.</summary>
    protected abstract Task<AppDatabase> StartAsync();

    [Fact]
    public async Task While_the_database_is_unreachable_answers_are_503_with_Retry_After_and_service_resumes_by_itself()
    {
        await using var database = await StartAsync();
        var app = database.App;
        var user = await app.RegisterAsync();
        // Concurrent requests leave several pooled connections behind, which the outage breaks.
        foreach (
            var response in await Task.WhenAll(
                Enumerable.Range(0, 8).Select(_ => user.Client.GetAsync("/api/v1/users/me"))
            )
        )
        {
            response.EnsureStatus(HttpStatusCode.OK);
        }

        var uncached = await app.RegisterAsync();
        var anonymous = app.CreateClient();

        await database.TakeAwayAsync();

        var during = new[]
        {
            await user.Client.GetAsync("/api/v1/users/me"),
            await user.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "written during the outage" }),
            await uncached.Client.GetAsync("/api/v1/projects"),
            await anonymous.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password }),
            await anonymous.PostJsonAsync(
                "/api/v1/auth/register",
                new
                {
                    email = TestUsers.NewEmail(),
                    password = "long-enough-1",
                    firstName = "A",
                    lastName = "B",
                }
            ),
        };
        foreach (var response in during)
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            problem.GetProperty("detail").GetString().Should().Contain("database");
            response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
            response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        }

        (await anonymous.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await anonymous.GetAsync("/health/live")).EnsureStatus(HttpStatusCode.OK);
        app.Logs.Lines.Should()
            .NotContain(
                line =>
                    line.Category.EndsWith("ExceptionProblems", StringComparison.Ordinal)
                    && line.Level >= LogLevel.Error,
                "an outage is not logged as a bug"
            );

        await database.BringBackAsync();

        await Deadline.WaitUntilAsync(
            async () => (await anonymous.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            Resumes,
            "/health/ready to answer 200 again"
        );
        (await user.Client.GetAsync("/api/v1/users/me")).EnsureStatus(HttpStatusCode.OK);
        (await user.Client.PostAsJsonAsync("/api/v1/tasks", new { title = "written after" })).EnsureStatus(
            HttpStatusCode.Created
        );
        (await uncached.Client.GetAsync("/api/v1/projects")).EnsureStatus(HttpStatusCode.OK);
        (
            await anonymous.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password })
        ).EnsureStatus(HttpStatusCode.OK);
    }

    protected abstract class AppDatabase : IAsyncDisposable
    {
        public abstract TaskforgeApp App { get; }

        public abstract Task TakeAwayAsync();

        public abstract Task BringBackAsync();

        public abstract ValueTask DisposeAsync();
    }
}

/// <summary>The SQLite file becomes unreachable: its folder is moved away, then back.</summary>
public sealed class SqliteDatabaseOutageTests : DatabaseOutageTests
{
    protected override async Task<AppDatabase> StartAsync()
    {
        var app = new SqliteApp();
        await app.InitializeAsync();
        return new SqliteFile(app);
    }

    private sealed class SqliteFile(SqliteApp app) : AppDatabase
    {
        public override TaskforgeApp App => app;

        private string Folder => Path.GetDirectoryName(app.DatabaseFile)!;

        private string Away => Folder + "-away";

        public override Task TakeAwayAsync()
        {
            // Moved first, then the pools cleared. The other order let a connection that
            // background work opened between the two keep the moved file open and answer a read
            // with 200 (seen once in a full run). After the move no new connection can open the
            // file, and clearing drops the pooled ones opened before it.
            Directory.Move(Folder, Away);
            SqliteConnection.ClearAllPools();
            return Task.CompletedTask;
        }

        public override Task BringBackAsync()
        {
            Directory.Move(Away, Folder);
            return Task.CompletedTask;
        }

        public override async ValueTask DisposeAsync()
        {
            if (Directory.Exists(Away))
            {
                await BringBackAsync();
            }

            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }
}

/// <summary>The app's own PostgreSQL server is shut down, then started again on the same port.</summary>
public sealed class PostgresDatabaseOutageTests : DatabaseOutageTests
{
    protected override async Task<AppDatabase> StartAsync()
    {
        var cluster = await PostgresCluster.StartAsync();
        var app = PostgresApp.OnServer(cluster.ConnectionString);
        await app.InitializeAsync();
        return new OwnServer(cluster, app);
    }

    private sealed class OwnServer(PostgresCluster cluster, PostgresApp app) : AppDatabase
    {
        public override TaskforgeApp App => app;

        public override Task TakeAwayAsync() => cluster.StopAsync();

        public override Task BringBackAsync() => cluster.StartAgainAsync();

        // The whole server goes, so its databases need no dropping.
        public override async ValueTask DisposeAsync()
        {
            await app.DisposeAsync();
            await cluster.DisposeAsync();
        }
    }
}
