using Taskforge.Domain.Tasks;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// Writes a task's search row (FTS5 on SQLite, a weighted tsvector on PostgreSQL; migrations
/// 0011, 0014 and 0015) from the task as it is being saved: once per task write, queued after its tag
/// rows in the same transaction, so the write is searchable in its own transaction and, on
/// PostgreSQL, costs no round trip of its own. The columns and weights are those of
/// PostgreSQL's task_search_refresh (migration 0015; it still serves project renames): keep the two alike.
/// </summary>
internal static class TaskSearchDocument
{
    // The task_search_rows row gives the FTS5 row a rowid that survives VACUUM (migration 0011).
    private const string SqliteInsert = """
        INSERT INTO task_search_rows (task_id) VALUES (@Id);
        INSERT INTO task_search (rowid, title, tags, project, description)
        VALUES (last_insert_rowid(), @Title, @Tags,
                COALESCE((SELECT name FROM projects WHERE id = @ProjectId), ''), COALESCE(@Description, ''))
        """;

    private const string SqliteUpdate = """
        UPDATE task_search
        SET title = @Title, tags = @Tags, description = COALESCE(@Description, ''),
            project = COALESCE((SELECT name FROM projects WHERE id = @ProjectId), '')
        WHERE rowid = (SELECT rowid FROM task_search_rows WHERE task_id = @Id)
        """;

    // An upsert for both: an update then needs no row that an older write should have made.
    private const string PostgresUpsert = """
        INSERT INTO task_search (task_id, owner_id, document)
        VALUES (@Id, @OwnerId,
                setweight(to_tsvector('english', CAST(@Title AS text)), 'A')
                || setweight(to_tsvector('english', CAST(@Tags AS text)), 'B')
                || setweight(to_tsvector('english', COALESCE((SELECT name FROM projects WHERE id = @ProjectId), '')), 'B')
                || setweight(to_tsvector('english', COALESCE(CAST(@Description AS text), '')), 'C'))
        ON CONFLICT (task_id) DO UPDATE SET document = EXCLUDED.document
        """;

    public static Task AddAsync(DbSession db, TaskItem task, CancellationToken ct) =>
        db.DeferAsync(Postgres(db) ? PostgresUpsert : SqliteInsert, Parameters(task), ct);

    public static Task ReplaceAsync(DbSession db, TaskItem task, CancellationToken ct) =>
        db.DeferAsync(Postgres(db) ? PostgresUpsert : SqliteUpdate, Parameters(task), ct);

    /// <summary>Whether a write from <paramref name="before"/> to <paramref name="after"/> changes a searchable column other than the tags.</summary>
    public static bool TextChanges(TaskContent before, TaskItem after) =>
        before.Title != after.Title || before.Description != after.Description || before.ProjectId != after.ProjectId;

    private static bool Postgres(DbSession db) => db.Factory.Provider == DatabaseProvider.Postgres;

    private static object Parameters(TaskItem task) =>
        new
        {
            task.Id,
            task.OwnerId,
            task.Title,
            Tags = string.Join(' ', task.Tags),
            task.ProjectId,
            task.Description,
        };
}
