using System.Diagnostics;
using System.Net;
using Npgsql;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>
/// A request that runs past the request timeout (here a write stuck behind another transaction's
/// row lock) is cut off and answered 503 with Retry-After and a problem that names no internals,
/// and its write does not happen. The timeout is 5 s through the test-only
/// <c>Testing:RequestTimeoutSeconds</c> instead of production's 30 (not less: the app's own first
/// requests, such as building the OpenAPI document the test host checks answers against, must fit).
/// PostgreSQL only: a SQLite writer waits for the file's lock inside the native library, which no
/// cancellation interrupts, and its busy_timeout ends that wait as an outage (DatabaseOutageTests).
/// </summary>
public sealed class PostgresRequestTimeoutTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_request_that_outlasts_the_timeout_is_a_503_problem_with_Retry_After_and_changes_nothing()
    {
        await using var app = new PostgresApp();
        app.With("Testing:RequestTimeoutSeconds", "5");
        await app.InitializeAsync();
        var user = await app.RegisterAsync();
        var created = await user.Client.PostJsonAsync("/api/v1/tasks", new { title = "before" });
        created.EnsureStatus(HttpStatusCode.Created);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();

        HttpResponseMessage response;
        var elapsed = Stopwatch.StartNew();
        await using (await HoldRowLockAsync(app, id))
        {
            response = await user.Client.PatchJsonAsync($"/api/v1/tasks/{id}", new { title = "after" });
            elapsed.Stop();
        }

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("detail").GetString().Should().StartWith("The request did not finish within 5 seconds.");
        response.Headers.RetryAfter?.Delta.Should().Be(TimeSpan.FromSeconds(5));
        elapsed.Elapsed.Should().BeGreaterThanOrEqualTo(Timeout, "the answer waits for the timeout, not less");

        var task = await user.Client.GetAsync($"/api/v1/tasks/{id}");
        (await task.JsonAsync()).GetProperty("title").GetString().Should().Be("before", "the cut-off write was undone");
    }

    // The task's row, locked as an UPDATE would lock it, by a transaction of the test's own:
    // the request's UPDATE waits for it. Disposing the connection rolls back and lets go.
    private static async Task<NpgsqlConnection> HoldRowLockAsync(PostgresApp app, Guid taskId)
    {
        var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("BEGIN; SELECT 1 FROM tasks WHERE id = @id FOR UPDATE", connection);
        command.Parameters.AddWithValue("id", taskId);
        await command.ExecuteNonQueryAsync();
        return connection;
    }
}
