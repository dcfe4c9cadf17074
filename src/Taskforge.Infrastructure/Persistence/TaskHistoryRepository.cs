using Dapper;
using Taskforge.Application.Tasks;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// Task history rows, the same statements on SQLite and PostgreSQL (json there, text here).
/// Reads name the owner, so another user's history is never found.
/// </summary>
public sealed class TaskHistoryRepository(DbSession db) : ITaskHistory
{
    public Task RecordAsync(IReadOnlyList<TaskHistoryEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }

        var cast = db.Factory.Provider == DatabaseProvider.Postgres ? "::json" : "";
        return db.DeferAsync(
            $"""
            INSERT INTO task_history (id, task_id, owner_id, occurred_at, actor_id, type, changes)
            VALUES (@Id, @TaskId, @OwnerId, @OccurredAt, @ActorId, @Type, @Changes{cast})
            """,
            entries,
            ct
        );
    }

    public async Task<bool> IsKnownAsync(Guid ownerId, Guid taskId, CancellationToken ct) =>
        await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM tasks WHERE id = @taskId AND owner_id = @ownerId",
            new { taskId, ownerId },
            ct
        ) > 0;

    public async Task<IReadOnlyList<TaskHistoryEntry>> ListAsync(
        Guid ownerId,
        Guid taskId,
        TaskHistoryKey? after,
        int take,
        CancellationToken ct
    )
    {
        var keyset = after is null ? "" : "AND seq < @afterSeq";
        var changes = db.Factory.Provider == DatabaseProvider.Postgres ? "changes::text" : "changes";
        var rows = await db.QueryAsync<Row>(
            $"""
            SELECT seq, id, task_id, owner_id, occurred_at, actor_id, type, {changes} AS changes FROM task_history
            WHERE task_id = @taskId AND owner_id = @ownerId {keyset}
            ORDER BY seq DESC
            LIMIT @take
            """,
            new
            {
                taskId,
                ownerId,
                afterSeq = after?.Sequence ?? 0,
                take,
            },
            ct
        );
        return rows.Select(r => r.ToEntry()).ToList();
    }

    private sealed class Row
    {
        public long Seq { get; set; }
        public Guid Id { get; set; }
        public Guid TaskId { get; set; }
        public Guid OwnerId { get; set; }
        public DateTimeOffset OccurredAt { get; set; }
        public Guid ActorId { get; set; }
        public string Type { get; set; } = "";
        public string Changes { get; set; } = "{}";

        public TaskHistoryEntry ToEntry() =>
            new(Id, TaskId, OwnerId, OccurredAt, ActorId, Type, Changes) { Sequence = Seq };
    }
}
