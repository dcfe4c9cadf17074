using Dapper;
using Taskforge.Application.Common;
using Taskforge.Application.Jobs;
using Taskforge.Application.Tasks;
using Taskforge.Domain.Tasks;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// Tasks and their tag rows. Every statement names the owner, so another user's task is never
/// read or written; writes that depend on a version compare it in the same statement.
/// </summary>
public sealed class TaskRepository(DbSession db) : ITaskRepository, IDueTasks
{
    private const string Columns =
        "t.id, t.owner_id, t.project_id, t.title, t.description, t.status, t.completed_at, t.due_at, t.priority, "
        + "t.created_at, t.updated_at, t.deleted_at, t.version";

    // Queued: nothing reads the insert's row count, so it goes out with the tags, search row,
    // history and event in one command (the caller has already held the project).
    public async Task AddAsync(TaskItem task, CancellationToken ct)
    {
        await db.DeferAsync(
            """
            INSERT INTO tasks (id, owner_id, project_id, title, description, completed, status, completed_at, due_at, priority,
                               created_at, updated_at, deleted_at, version)
            VALUES (@Id, @OwnerId, @ProjectId, @Title, @Description, @Completed, @Status, @CompletedAt, @DueAt, @Priority,
                    @CreatedAt, @UpdatedAt, @DeletedAt, @Version)
            """,
            Parameters(task),
            ct
        );
        await InsertTagsAsync(task, ct);
        await TaskSearchDocument.AddAsync(db, task, ct);
    }

    public async Task<TaskItem?> FindAsync(Guid ownerId, Guid id, CancellationToken ct)
    {
        var (rows, tags) = await db.QueryTwoAsync<TaskRow, string>(FindStatement, new { id, ownerId }, ct);
        return rows.Count == 0 || rows[0].DeletedAt is not null ? null : rows[0].ToTask(tags);
    }

    // One command, two result sets: one round trip on PostgreSQL. The tags go by task id alone
    // (naming the owner made SQLite read every tag of the owner through the owner's tag index) and
    // count only when the row was found under its owner. A deleted task is left out in code, not
    // by "deleted_at IS NULL": that condition matches the owner's partial indexes, and
    // PostgreSQL without statistics (a new database's first minute of writes) read the task
    // through one of them, every row of the owner, instead of its primary key.
    internal const string FindStatement = $"""
        SELECT {Columns} FROM tasks t WHERE t.id = @id AND t.owner_id = @ownerId;
        SELECT tag FROM task_tags WHERE task_id = @id
        """;

    public Task<TaskItem?> FindCurrentAsync(Guid ownerId, Guid id, CancellationToken ct) => FindAsync(ownerId, id, ct);

    public async Task<IReadOnlyList<TaskItem>> ListAsync(TaskListQuery query, CancellationToken ct)
    {
        var rows = await TaskListStatements.RunAsync(db, query, ct);
        return await WithTagsAsync(rows, ct);
    }

    public async Task UpdateAsync(TaskItem task, TaskContent before, long expectedVersion, CancellationToken ct)
    {
        var (sql, parameters) = TaskUpdateStatement.For(task, before, expectedVersion);
        await db.RequireWriteAsync(sql, parameters, WriteOutcome.VersionMismatch, ct);

        // Unchanged tags and text leave their rows alone: most patches touch neither.
        var tagsChanged = !before.Tags.SequenceEqual(task.Tags, StringComparer.Ordinal);
        if (tagsChanged)
        {
            await db.DeferAsync("DELETE FROM task_tags WHERE task_id = @Id", new { task.Id }, ct);
            await InsertTagsAsync(task, ct);
        }

        if (tagsChanged || TaskSearchDocument.TextChanges(before, task))
        {
            await TaskSearchDocument.ReplaceAsync(db, task, ct);
        }
    }

    public async Task<bool> DeleteAsync(
        Guid ownerId,
        Guid id,
        long? expectedVersion,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        // Only the conditions in use go into the statement: PostgreSQL cannot type "@p IS NULL".
        var versionCheck = expectedVersion is null ? "" : " AND version = @expectedVersion";
        return await db.ExecuteAsync(
                $"""
                UPDATE tasks SET deleted_at = @now, updated_at = @now, version = version + 1
                WHERE id = @id AND owner_id = @ownerId AND deleted_at IS NULL{versionCheck}
                """,
                new
                {
                    id,
                    ownerId,
                    now,
                    expectedVersion = expectedVersion ?? 0,
                },
                ct
            ) > 0;
    }

    public Task<IReadOnlyList<Guid>> DeleteAllInProjectAsync(
        Guid ownerId,
        Guid projectId,
        DateTimeOffset now,
        CancellationToken ct
    ) =>
        db.QueryAsync<Guid>(
            """
            UPDATE tasks SET deleted_at = @now, updated_at = @now, version = version + 1
            WHERE project_id = @projectId AND owner_id = @ownerId AND deleted_at IS NULL
            RETURNING id
            """,
            new
            {
                projectId,
                ownerId,
                now,
            },
            ct
        );

    public async Task<IReadOnlyList<TaskItem>> TakeDueAsync(DateTimeOffset now, int take, CancellationToken ct)
    {
        var postgres = db.Factory.Provider == DatabaseProvider.Postgres;
        var rows = await db.QueryAsync<TaskRow>(
            $"""
            UPDATE tasks SET due_fired_at = @now
            WHERE id IN (
                SELECT id FROM tasks
                WHERE due_fired_at IS NULL AND completed = {(postgres ? "false" : "0")} AND deleted_at IS NULL
                  AND due_at IS NOT NULL AND due_at <= @now
                ORDER BY due_at
                LIMIT @take
                {(postgres ? "FOR UPDATE SKIP LOCKED" : "")})
            RETURNING {Columns.Replace("t.", "", StringComparison.Ordinal)}
            """,
            new { now, take },
            ct
        );
        return await WithTagsAsync(rows, ct);
    }

    // All of a task's tags in one statement, queued to go out with the write's other statements.
    private Task InsertTagsAsync(TaskItem task, CancellationToken ct)
    {
        if (task.Tags.Count == 0)
        {
            return Task.CompletedTask;
        }

        var parameters = new DynamicParameters();
        parameters.Add("taskId", task.Id);
        parameters.Add("ownerId", task.OwnerId);
        var rows = new List<string>(task.Tags.Count);
        for (var i = 0; i < task.Tags.Count; i++)
        {
            rows.Add($"(@taskId, @ownerId, @tag{i})");
            parameters.Add($"tag{i}", task.Tags[i]);
        }

        return db.DeferAsync(
            $"INSERT INTO task_tags (task_id, owner_id, tag) VALUES {string.Join(", ", rows)}",
            parameters,
            ct
        );
    }

    // One query for the tags of a whole page, with an explicit parameter per id (each goes
    // through the id type handler, as lowercase text on SQLite and uuid on PostgreSQL). The rows
    // were read under their owner, so their ids alone pick the tags, through the primary key.
    private async Task<IReadOnlyList<TaskItem>> WithTagsAsync(IReadOnlyList<TaskRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var parameters = new DynamicParameters();
        var names = new List<string>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            names.Add($"@id{i}");
            parameters.Add($"id{i}", rows[i].Id);
        }

        var tags = await db.QueryAsync<(Guid TaskId, string Tag)>(
            $"SELECT task_id, tag FROM task_tags WHERE task_id IN ({string.Join(", ", names)})",
            parameters,
            ct
        );
        var byTask = tags.ToLookup(t => t.TaskId, t => t.Tag);
        return rows.Select(row => row.ToTask(byTask[row.Id].ToList())).ToList();
    }

    private static DynamicParameters Parameters(TaskItem task)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Id", task.Id);
        parameters.Add("OwnerId", task.OwnerId);
        parameters.Add("ProjectId", task.ProjectId);
        parameters.Add("Title", task.Title);
        parameters.Add("Description", task.Description);
        parameters.Add("Completed", task.Completed);
        parameters.Add("Status", TaskProgressNames.ToName(task.Status));
        parameters.Add("CompletedAt", task.CompletedAt);
        parameters.Add("DueAt", task.DueAt);
        parameters.Add("Priority", (short)task.Priority);
        parameters.Add("CreatedAt", task.CreatedAt);
        parameters.Add("UpdatedAt", task.UpdatedAt);
        parameters.Add("DeletedAt", task.DeletedAt);
        parameters.Add("Version", task.Version);
        return parameters;
    }
}
