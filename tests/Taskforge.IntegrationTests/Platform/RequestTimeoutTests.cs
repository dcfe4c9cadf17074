using System.Data.Common;
using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>
/// A request that runs past the request timeout (here a write stuck behind another transaction's
/// lock) is cut off and answered 503 with Retry-After and a problem that names no internals, and
/// its write does not happen. The timeout is 5 s through the test-only
/// <c>Testing:RequestTimeoutSeconds</c> instead of production's 30 (shorter, and the app's own first
/// requests, such as building the OpenAPI document the test host checks answers against, could outlast it).
/// </summary>
public abstract class RequestTimeoutTests(Func<TaskforgeApp> newApp)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A connection of the test's own whose open transaction holds the lock a write to the task
    /// needs; disposing it rolls back and lets go.
    /// </summary>
    protected abstract Task<DbConnection> HoldWriteLockAsync(TaskforgeApp app, Guid taskId);

    [Fact]
    public async Task A_request_that_outlasts_the_timeout_is_a_503_problem_with_Retry_After_and_changes_nothing()
    {
        await using var app = newApp().With("Testing:RequestTimeoutSeconds", "5");
        await app.InitializeAsync();
        var user = await app.RegisterAsync();
        var created = await user.Client.PostJsonAsync("/api/v1/tasks", new { title = "before" });
        created.EnsureStatus(HttpStatusCode.Created);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();

        HttpResponseMessage response;
        var elapsed = Stopwatch.StartNew();
        await using (var lockHolder = await HoldWriteLockAsync(app, id))
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
}

public sealed class SqliteRequestTimeoutTests() : RequestTimeoutTests(() => new SqliteApp())
{
    // A write transaction on the file: every other writer waits for it (busy_timeout).
    protected override async Task<DbConnection> HoldWriteLockAsync(TaskforgeApp app, Guid taskId)
    {
        var connection = new SqliteConnection($"Data Source={((SqliteApp)app).DatabaseFile}");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }
}

public sealed class PostgresRequestTimeoutTests() : RequestTimeoutTests(() => new PostgresApp())
{
    // The task's row, locked as an UPDATE would lock it: the request's UPDATE waits for it.
    protected override async Task<DbConnection> HoldWriteLockAsync(TaskforgeApp app, Guid taskId)
    {
        var connection = new NpgsqlConnection(((PostgresApp)app).ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("BEGIN; SELECT 1 FROM tasks WHERE id = @id FOR UPDATE", connection);
        command.Parameters.AddWithValue("id", taskId);
        await command.ExecuteNonQueryAsync();
        return connection;
    }
}
