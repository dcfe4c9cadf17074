using Dapper;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Tasks;

/// <summary>
/// On PostgreSQL a task's words go into the search index with its write, not into GIN's pending
/// list: the insert that crosses the list's limit merges it all in its own transaction, and under
/// steady creates that one insert took a few hundred milliseconds every few seconds (0017).
/// </summary>
public sealed class SearchIndexPendingListTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task Created_and_renamed_tasks_leave_nothing_in_the_search_index_pending_list()
    {
        var user = await app.RegisterAsync();
        for (var i = 0; i < 20; i++)
        {
            var task = await user.Client.CreateTaskAsync(
                new
                {
                    title = $"Sweep the chimney {i}",
                    description = "soot brushes ladder",
                    tags = new[] { "home" },
                }
            );
            (
                await user.Client.PatchAsync($"{TaskApi.Tasks}/{task.Text("id")}", new { title = $"Mend the gate {i}" })
            ).EnsureSuccessStatusCode();
        }

        await using var connection = await app.OpenAsync();
        await connection.ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pgstattuple");
        var pending = await connection.QuerySingleAsync<long>(
            "SELECT pending_tuples FROM pgstatginindex('ix_task_search_owner_document')"
        );

        pending.Should().Be(0);
        var hits = await user.Client.GetJsonAsync("/api/v1/search?q=gate&limit=50");
        hits.GetProperty("items").GetArrayLength().Should().Be(20);
    }
}
