using System.Globalization;
using System.Net;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>
/// SQLite's writer keeps its statements prepared from one write to the next: the writes that
/// repeat are answered from the cache, and each still writes its own values.
/// </summary>
public sealed class SqliteStatementCacheTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const int Tasks = 12;

    [Fact]
    public async Task Repeated_creates_and_patches_reuse_the_writer_s_statements_and_keep_their_own_values()
    {
        var user = await app.RegisterAsync();
        var hitsBefore = await HitsAsync();

        for (var i = 0; i < Tasks; i++)
        {
            var task = await user.Client.CreateTaskAsync(
                new { title = $"task {i}", tags = new[] { $"tag{i}", "shared" } }
            );
            var url = $"{TaskApi.Tasks}/{task.Id()}";
            (await user.Client.PatchAsync(url, new { title = $"patched {i}", priority = "high" })).EnsureStatus(
                HttpStatusCode.OK
            );
        }

        var tasks = await user.Client.ListAllAsync(TaskApi.Tasks, 100);
        tasks.Titles().Should().BeEquivalentTo(Enumerable.Range(0, Tasks).Select(i => $"patched {i}"));
        tasks.Should().OnlyContain(t => t.Text("priority") == "high");
        (await user.Client.ListAllAsync($"{TaskApi.Tasks}?tag=shared", 100)).Should().HaveCount(Tasks);

        // At least the task's insert and its update, each time after the first.
        (await HitsAsync() - hitsBefore)
            .Should()
            .BeGreaterThanOrEqualTo(2 * (Tasks - 1));
    }

    private async Task<long> HitsAsync()
    {
        var text = await app.CreateClient().GetStringAsync("/metrics");
        var line = text.Split('\n')
            .Single(l => l.StartsWith("taskforge_sqlite_statement_cache_hits_total ", StringComparison.Ordinal));
        return long.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
    }
}
