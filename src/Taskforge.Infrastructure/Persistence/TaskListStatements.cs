using Dapper;
using Taskforge.Application.Tasks;
using Taskforge.Domain.Tasks;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// The task list as keyset queries. Each sort reads the partial index (owner_id, column, id)
/// as one range: "(column, id) after (last value, last id)", ordered by column then id, both in
/// the sort's direction. Tasks without a due date come last in both directions of dueAt: they
/// are a second range of the same index (due_at IS NULL, ordered by id), read once the dated
/// range is exhausted. Only the filters in use enter the statement (PostgreSQL cannot type an
/// unused "@p IS NULL").
/// </summary>
public static class TaskListStatements
{
    internal static async Task<IReadOnlyList<TaskRow>> RunAsync(DbSession db, TaskListQuery query, CancellationToken ct)
    {
        if (query.Sort.Field != TaskSortField.DueAt)
        {
            return await db.QueryAsync<TaskRow>(
                Statement(query, TaskListRange.All, out var parameters),
                parameters,
                ct
            );
        }

        var rows = new List<TaskRow>();
        if (query.After is null || query.After.Time is not null)
        {
            rows.AddRange(
                await db.QueryAsync<TaskRow>(Statement(query, TaskListRange.Dated, out var dated), dated, ct)
            );
            if (rows.Count == query.Take || query.Filter.DueBefore is not null || query.Filter.DueAfter is not null)
            {
                return rows;
            }

            query = query with { After = null, Take = query.Take - rows.Count };
        }

        rows.AddRange(
            await db.QueryAsync<TaskRow>(Statement(query, TaskListRange.Undated, out var undated), undated, ct)
        );
        return rows;
    }

    /// <summary>The SELECT for one range of the list (public so the query-plan test explains the real statement).</summary>
    public static string Statement(TaskListQuery query, TaskListRange range, out DynamicParameters parameters)
    {
        parameters = new DynamicParameters();
        parameters.Add("ownerId", query.OwnerId);
        parameters.Add("take", query.Take);
        var where = new List<string> { "t.owner_id = @ownerId", "t.deleted_at IS NULL" };
        AddFilters(query.Filter, where, parameters);

        var column = query.Sort.Field switch
        {
            TaskSortField.CreatedAt => "t.created_at",
            TaskSortField.DueAt => "t.due_at",
            TaskSortField.Priority => "t.priority",
            _ => "t.title",
        };
        var direction = query.Sort.Descending ? "DESC" : "ASC";
        var beyond = query.Sort.Descending ? "<" : ">";

        if (range == TaskListRange.Dated)
        {
            where.Add("t.due_at IS NOT NULL");
        }
        else if (range == TaskListRange.Undated)
        {
            where.Add("t.due_at IS NULL");
        }

        if (query.After is { } after)
        {
            parameters.Add("afterId", after.Id);
            if (range == TaskListRange.Undated)
            {
                where.Add($"t.id {beyond} @afterId");
            }
            else
            {
                parameters.Add("afterValue", AfterValue(query.Sort.Field, after));
                where.Add($"({column}, t.id) {beyond} (@afterValue, @afterId)");
            }
        }

        // For the undated range the column is constant (null), so ordering by it as well lets
        // both planners read the index in order instead of sorting.
        return $"""
            SELECT {TaskColumns} FROM tasks t
            WHERE {string.Join(" AND ", where)}
            ORDER BY {column} {direction}, t.id {direction}
            LIMIT @take
            """;
    }

    private const string TaskColumns =
        "t.id, t.owner_id, t.project_id, t.title, t.description, t.status, t.completed_at, t.due_at, t.priority, "
        + "t.created_at, t.updated_at, t.deleted_at, t.version";

    private static void AddFilters(TaskFilter filter, List<string> where, DynamicParameters parameters)
    {
        if (filter.ProjectId is { } projectId)
        {
            where.Add("t.project_id = @projectId");
            parameters.Add("projectId", projectId);
        }

        if (filter.Completed is { } completed)
        {
            where.Add("t.completed = @completed");
            parameters.Add("completed", completed);
        }

        if (filter.Status is { } status)
        {
            where.Add("t.status = @status");
            parameters.Add("status", TaskProgressNames.ToName(status));
        }

        if (filter.Priority is { } priority)
        {
            where.Add("t.priority = @priority");
            parameters.Add("priority", (short)priority);
        }

        if (filter.DueBefore is { } before)
        {
            where.Add("t.due_at < @dueBefore");
            parameters.Add("dueBefore", before);
        }

        if (filter.DueAfter is { } dueAfter)
        {
            where.Add("t.due_at >= @dueAfter");
            parameters.Add("dueAfter", dueAfter);
        }

        if (filter.Tag is { } tag)
        {
            // Written as a set of ids so the planner can start from the (owner_id, tag) index.
            where.Add("t.id IN (SELECT g.task_id FROM task_tags g WHERE g.owner_id = @ownerId AND g.tag = @tag)");
            parameters.Add("tag", tag);
        }
    }

    private static object AfterValue(TaskSortField field, TaskListKey after) =>
        field switch
        {
            TaskSortField.Priority => (short)after.Priority!.Value,
            TaskSortField.Title => after.Title!,
            _ => after.Time!.Value,
        };
}

/// <summary>What one statement reads: the whole list, or (for dueAt) only the dated or the undated tasks.</summary>
public enum TaskListRange
{
    All,
    Dated,
    Undated,
}
