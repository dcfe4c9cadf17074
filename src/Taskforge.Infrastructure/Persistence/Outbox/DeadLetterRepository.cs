using Taskforge.Application.Events;
using Taskforge.Infrastructure.Webhooks;

namespace Taskforge.Infrastructure.Persistence.Outbox;

/// <summary>
/// Dead letters live in two tables: the outbox's deliveries to consumers (kind = the consumer's
/// name) and failed deliveries of live webhooks (kind <c>webhook</c>). Each is read newest first
/// from its own index and the two pages are merged; ids are unique across both.
/// </summary>
public sealed class DeadLetterRepository(DbSession db, OutboxSignal signal, WebhookSignal webhookSignal) : IDeadLetters
{
    public const string WebhookKind = "webhook";

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterKey? after, int take, CancellationToken ct)
    {
        var parameters = new
        {
            after?.FailedAt,
            after?.Id,
            take,
        };
        var keyset = after is null ? "" : "AND (finished_at < @FailedAt OR (finished_at = @FailedAt AND id < @Id))";
        var events = await db.QueryAsync<DeadLetterRow>(
            $"""
            SELECT id, consumer AS kind, event_id, attempts, last_error, finished_at AS failed_at FROM event_deliveries
            WHERE status = 2 {keyset}
            ORDER BY finished_at DESC, id DESC
            LIMIT @take
            """,
            parameters,
            ct
        );
        var webhookKeyset = after is null
            ? ""
            : "AND (d.last_attempt_at < @FailedAt OR (d.last_attempt_at = @FailedAt AND d.id < @Id))";
        var webhooks = await db.QueryAsync<DeadLetterRow>(
            $"""
            SELECT d.id, '{WebhookKind}' AS kind, d.event_id, d.attempts, d.last_error, d.last_attempt_at AS failed_at
            FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.status = 2 AND w.deleted_at IS NULL {webhookKeyset}
            ORDER BY d.last_attempt_at DESC, d.id DESC
            LIMIT @take
            """,
            parameters,
            ct
        );
        return events
            .Concat(webhooks)
            .OrderByDescending(r => r.FailedAt)
            .ThenByDescending(r => r.Id)
            .Take(take)
            .Select(r => new DeadLetter(r.Id, r.Kind, r.EventId, r.Attempts, r.LastError, r.FailedAt))
            .ToList();
    }

    public async Task<bool> RetryAsync(Guid id, DateTimeOffset now, CancellationToken ct)
    {
        if (
            await db.ExecuteAsync(
                """
                UPDATE event_deliveries
                SET status = 0, attempts = 0, next_attempt_at = @now, lease_until = NULL, finished_at = NULL
                WHERE id = @id AND status = 2
                """,
                new { id, now },
                ct
            ) > 0
        )
        {
            signal.Notify();
            return true;
        }

        // It waits while its webhook is switched off.
        if (
            await db.ExecuteAsync(
                """
                UPDATE webhook_deliveries
                SET status = 0, attempts = 0, next_attempt_at = @now, lease_until = NULL
                WHERE id = @id AND status = 2
                  AND webhook_id IN (SELECT w.id FROM webhooks w WHERE w.deleted_at IS NULL)
                """,
                new { id, now },
                ct
            ) > 0
        )
        {
            webhookSignal.Notify();
            return true;
        }

        return false;
    }

    private sealed class DeadLetterRow
    {
        public Guid Id { get; set; }
        public string Kind { get; set; } = "";
        public Guid EventId { get; set; }
        public int Attempts { get; set; }
        public string? LastError { get; set; }
        public DateTimeOffset FailedAt { get; set; }
    }
}
