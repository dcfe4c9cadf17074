using System.Data.Common;
using System.Text;
using Dapper;
using Taskforge.Application.Tasks;
using Taskforge.Domain.Tasks;
using Taskforge.Infrastructure.Persistence;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Tasks;

/// <summary>
/// Explains the real list statements and asserts that tasks are read through an index, never
/// by a full scan. PostgreSQL prefers a sequential scan on a tiny table whatever the indexes,
/// so its session turns sequential scans off: a plan that still shows one has no usable index.
/// Set TASKFORGE_QUERY_PLANS to a folder to also write the plans out (docs/query-plans.md).
/// </summary>
public abstract class TaskQueryPlanTests(TaskforgeApp app)
{
    public static TheoryData<string> Sorts =>
        new() { "createdAt", "-createdAt", "dueAt", "-dueAt", "priority", "-priority", "title", "-title" };

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task Every_sort_reads_a_range_of_its_index_in_order_for_the_first_and_later_pages(string sortName)
    {
        var user = await SeededUserAsync();
        var sort = TaskSort.Parse(sortName)!;
        var after = new TaskListKey(sort.Name, Guid.CreateVersion7(), DateTimeOffset.UtcNow, Priority.Medium, "m");
        var range = sort.Field == TaskSortField.DueAt ? TaskListRange.Dated : TaskListRange.All;

        foreach (var key in new[] { null, after })
        {
            var plan = await ExplainAsync(new TaskListQuery(user, NoFilter, sort, key, 51), range);

            ShouldUseAnIndex(plan);
            ShouldNotSort(plan);
        }

        if (sort.Field == TaskSortField.DueAt)
        {
            var undated = await ExplainAsync(
                new TaskListQuery(user, NoFilter, sort, after with { Time = null }, 51),
                TaskListRange.Undated
            );
            ShouldUseAnIndex(undated);
            ShouldNotSort(undated);
        }
    }

    [Fact]
    public async Task Filtered_lists_use_indexes_too()
    {
        var user = await SeededUserAsync();
        var filters = new[]
        {
            NoFilter with
            {
                Tag = "home",
            },
            NoFilter with
            {
                ProjectId = Guid.CreateVersion7(),
            },
            NoFilter with
            {
                Completed = false,
                Priority = Priority.High,
                DueBefore = DateTimeOffset.UtcNow,
                DueAfter = DateTimeOffset.UnixEpoch,
            },
        };

        foreach (var filter in filters)
        {
            var plan = await ExplainAsync(
                new TaskListQuery(user, filter, TaskSort.Default, null, 51),
                TaskListRange.All
            );
            ShouldUseAnIndex(plan);
            if (filter.Tag is not null)
            {
                plan.Should().Contain("ix_task_tags_owner_tag", "a tag is looked up in the tag index:\n" + plan);
            }
        }
    }

    private static TaskFilter NoFilter { get; } = new(null, null, null, null, null, null);

    private async Task<Guid> SeededUserAsync()
    {
        var user = await app.RegisterAsync();
        await user.Client.CreateTaskAsync(
            new
            {
                title = "seed",
                tags = new[] { "home" },
                dueAt = "2030-01-01T00:00:00Z",
            }
        );
        return user.Id;
    }

    private async Task<string> ExplainAsync(TaskListQuery query, TaskListRange range)
    {
        var sql = TaskListStatements.Statement(query, range, out var parameters);
        await using var db = await app.OpenAsync();
        string plan;
        if (app is SqliteApp)
        {
            var rows = await db.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
                "EXPLAIN QUERY PLAN " + sql,
                parameters
            );
            plan = string.Join('\n', rows.Select(r => r.Detail));
        }
        else
        {
            await db.ExecuteAsync("SET enable_seqscan = off");
            plan = string.Join('\n', await db.QueryAsync<string>("EXPLAIN " + sql, parameters));
        }

        await WriteOutAsync(query, range, sql, plan);
        return plan;
    }

    private void ShouldUseAnIndex(string plan)
    {
        if (app is SqliteApp)
        {
            plan.Should()
                .MatchRegex(
                    @"SEARCH (TABLE tasks AS )?t USING (COVERING )?INDEX (ix_tasks_|sqlite_autoindex_tasks_)",
                    "tasks are read through an index:\n" + plan
                );
            plan.Should()
                .NotMatchRegex(
                    @"SCAN (TABLE tasks|t)\b",
                    "a full scan of tasks is what the indexes exist to avoid:\n" + plan
                );
        }
        else
        {
            plan.Should()
                .MatchRegex(
                    @"Index (Only )?Scan( Backward)? using ix_tasks_\w+ on tasks t",
                    "tasks are read through an index:\n" + plan
                );
            plan.Should()
                .NotContain("Seq Scan on tasks", "a full scan of tasks is what the indexes exist to avoid:\n" + plan);
        }
    }

    private void ShouldNotSort(string plan)
    {
        var sorts = app is SqliteApp ? "USE TEMP B-TREE FOR ORDER BY" : "Sort Key";
        plan.Should().NotContain(sorts, "the index already yields the order:\n" + plan);
    }

    private async Task WriteOutAsync(TaskListQuery query, TaskListRange range, string sql, string plan)
    {
        if (Environment.GetEnvironmentVariable("TASKFORGE_QUERY_PLANS") is not { Length: > 0 } folder)
        {
            return;
        }

        var text = new StringBuilder()
            .AppendLine(
                $"#### {app.Provider}: sort={query.Sort.Name} range={range} after={(query.After is null ? "none" : "key")} filter={query.Filter}"
            )
            .AppendLine("```sql")
            .AppendLine(sql.Trim())
            .AppendLine("```")
            .AppendLine("```")
            .AppendLine(plan)
            .AppendLine("```")
            .AppendLine();
        Directory.CreateDirectory(folder);
        await File.AppendAllTextAsync(Path.Combine(folder, $"{app.Provider}.md"), text.ToString());
    }
}

public sealed class SqliteTaskQueryPlanTests(SqliteApp app) : TaskQueryPlanTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresTaskQueryPlanTests(PostgresApp app) : TaskQueryPlanTests(app), IClassFixture<PostgresApp>;
