using System.Net;
using FluentAssertions;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;
using static Taskforge.IntegrationTests.Idempotency.IdempotencyRequests;

namespace Taskforge.IntegrationTests.Idempotency;

/// <summary>
/// kill -9 between the write and the answer: a service process (Taskforge.Api.dll, on this
/// fixture's database) kills itself right after committing a keyed request, before any byte of the
/// answer leaves (the test-only setting Testing:Idempotency:KillAfterCommitKey). The client's retry,
/// on another instance, gets the write's answer back and no second write happens.
/// </summary>
public abstract class IdempotencyCrashTests(TaskforgeApp fixture)
{
    private readonly TaskforgeApp _app = fixture.With("Workers:Enabled", "false");

    [Fact]
    public async Task A_retry_after_a_crash_between_commit_and_answer_returns_the_write_and_writes_once()
    {
        var user = await _app.RegisterAsync();
        var key = NewKey();
        var environment = _app.DatabaseEnvironment();
        environment["Workers__Enabled"] = "false";
        environment["Testing__Idempotency__KillAfterCommitKey"] = key;
        await using var doomed = ServiceProcess.Start(environment);
        using var toDoomed = new HttpClient
        {
            BaseAddress = await doomed.WaitUntilListeningAsync(TimeSpan.FromSeconds(60)),
        };
        toDoomed.DefaultRequestHeaders.Authorization = Bearer(user.AccessToken);

        var lost = async () => await toDoomed.PostWithKeyAsync("/api/v1/tasks", new { title = "survives" }, key);

        await lost.Should().ThrowAsync<HttpRequestException>();
        (await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().NotBe(0);
        var tasks = await user.Client.ListAllAsync("/api/v1/tasks", 200);
        tasks.Should().ContainSingle("the write committed before the process died");

        var retry = await user.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "survives" }, key);

        retry.EnsureStatus(HttpStatusCode.Created);
        retry.IsReplay().Should().BeTrue();
        var replayed = await retry.JsonAsync();
        replayed.Id().Should().Be(tasks[0].Id());
        retry.Headers.Location!.ToString().Should().Be($"/api/v1/tasks/{tasks[0].Id()}");
        (await user.Client.ListAllAsync("/api/v1/tasks", 200)).Should().ContainSingle();
    }
}

public sealed class SqliteIdempotencyCrashTests(SqliteApp app) : IdempotencyCrashTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresIdempotencyCrashTests(PostgresApp app)
    : IdempotencyCrashTests(app),
        IClassFixture<PostgresApp>;
