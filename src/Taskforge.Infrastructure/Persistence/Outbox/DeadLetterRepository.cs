using Taskforge.Application.Events;

namespace Taskforge.Infrastructure.Persistence.Outbox;

public sealed class DeadLetterRepository(DbSession db, OutboxSignal signal) : IDeadLetters
{
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterKey? after, int take, CancellationToken ct)
    {
        var keyset = after is null ? "" : "AND (finished_at < @FailedAt OR (finished_at = @FailedAt AND id < @Id))";
        var rows = await db.QueryAsync<DeadLetterRow>(
            $"""
            SELECT id, consumer, event_id, attempts, last_error, finished_at FROM event_deliveries
            WHERE status = 2 {keyset}
            ORDER BY finished_at DESC, id DESC
            LIMIT @take
            """,
            new
            {
                after?.FailedAt,
                after?.Id,
                take,
            },
            ct
        );
        return rows.Select(r => new DeadLetter(r.Id, r.Consumer, r.EventId, r.Attempts, r.LastError, r.FinishedAt))
            .ToList();
    }

    public async Task<bool> RetryAsync(Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var retried =
            await db.ExecuteAsync(
                """
                UPDATE event_deliveries
                SET status = 0, attempts = 0, next_attempt_at = @now, lease_until = NULL, finished_at = NULL
                WHERE id = @id AND status = 2
                """,
                new { id, now },
                ct
            ) > 0;
        if (retried)
        {
            signal.Notify();
        }

        return retried;
    }

    private sealed class DeadLetterRow
    {
        public Guid Id { get; set; }
        public string Consumer { get; set; } = "";
        public Guid EventId { get; set; }
        public int Attempts { get; set; }
        public string? LastError { get; set; }
        public DateTimeOffset FinishedAt { get; set; }
    }
}
