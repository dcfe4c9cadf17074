using Taskforge.Application.Jobs;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// The purge job's deletes, each one bounded batch in one short transaction. The batch is picked
/// by the same ordered subquery in every statement of a transaction, so children and parents go
/// together; rows soft-deleted meanwhile are younger than the cut-off and never in it.
/// </summary>
public sealed class RetentionRepository(DbSession db) : IRetention
{
    private bool Postgres => db.Factory.Provider == DatabaseProvider.Postgres;

    public Task<int> PurgeDeletedTasksAsync(DateTimeOffset before, int batch, CancellationToken ct)
    {
        const string Batch = "SELECT id FROM tasks WHERE deleted_at < @before ORDER BY id LIMIT @batch";
        return InTransactionAsync(
            [
                $"DELETE FROM task_tags WHERE task_id IN ({Batch})",
                $"DELETE FROM task_history WHERE task_id IN ({Batch})",
                $"DELETE FROM tasks WHERE id IN ({Batch})",
            ],
            new { before, batch },
            ct
        );
    }

    public Task<int> PurgeDeletedProjectsAsync(DateTimeOffset before, int batch, CancellationToken ct) =>
        InTransactionAsync(
            [
                """
                DELETE FROM projects WHERE id IN (
                    SELECT id FROM projects p
                    WHERE deleted_at < @before AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.project_id = p.id)
                    ORDER BY id LIMIT @batch)
                """,
            ],
            new { before, batch },
            ct
        );

    public Task<int> PurgeDeletedWebhooksAsync(DateTimeOffset before, int batch, CancellationToken ct)
    {
        const string Batch = "SELECT id FROM webhooks WHERE deleted_at < @before ORDER BY id LIMIT @batch";
        return InTransactionAsync(
            [
                $"DELETE FROM webhook_deliveries WHERE webhook_id IN ({Batch})",
                $"DELETE FROM webhooks WHERE id IN ({Batch})",
            ],
            new { before, batch },
            ct
        );
    }

    public Task<int> PurgePushDeliveriesAsync(DateTimeOffset before, int batch, CancellationToken ct) =>
        InTransactionAsync(
            [
                """
                DELETE FROM push_deliveries WHERE (event_id, subscription_id) IN (
                    SELECT event_id, subscription_id FROM push_deliveries WHERE recorded_at < @before
                    ORDER BY event_id, subscription_id LIMIT @batch)
                """,
            ],
            new { before, batch },
            ct
        );

    public Task<int> PurgeSucceededWebhookDeliveriesAsync(DateTimeOffset before, int batch, CancellationToken ct) =>
        InTransactionAsync(
            [
                """
                DELETE FROM webhook_deliveries WHERE id IN (
                    SELECT id FROM webhook_deliveries WHERE status = 1 AND last_attempt_at < @before
                    ORDER BY id LIMIT @batch)
                """,
            ],
            new { before, batch },
            ct
        );

    public Task<int> PurgeDeletedUsersAsync(DateTimeOffset before, int batch, CancellationToken ct)
    {
        const string Batch = """
            SELECT id FROM users u
            WHERE deleted_at < @before
              AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.owner_id = u.id)
              AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.owner_id = u.id)
              AND NOT EXISTS (SELECT 1 FROM webhooks w WHERE w.owner_id = u.id)
            ORDER BY id LIMIT @batch
            """;
        return InTransactionAsync(
            [
                $"DELETE FROM refresh_tokens WHERE user_id IN ({Batch})",
                $"DELETE FROM push_deliveries WHERE subscription_id IN (SELECT id FROM push_subscriptions WHERE user_id IN ({Batch}))",
                $"DELETE FROM push_subscriptions WHERE user_id IN ({Batch})",
                $"DELETE FROM notification_settings WHERE user_id IN ({Batch})",
                $"DELETE FROM notifications WHERE user_id IN ({Batch})",
                $"DELETE FROM users WHERE id IN ({Batch})",
            ],
            new { before, batch },
            ct
        );
    }

    // Spent tokens are kept until they expire: presenting one again must still be recognised
    // as reuse and revoke its login.
    public Task<int> PurgeRefreshTokensAsync(
        DateTimeOffset now,
        DateTimeOffset revokedBefore,
        int batch,
        CancellationToken ct
    ) =>
        InTransactionAsync(
            [
                """
                DELETE FROM refresh_tokens WHERE id IN (
                    SELECT id FROM refresh_tokens WHERE expires_at < @now OR revoked_at < @revokedBefore
                    ORDER BY id LIMIT @batch)
                """,
            ],
            new
            {
                now,
                revokedBefore,
                batch,
            },
            ct
        );

    public Task<int> PurgeDeliveredEventsAsync(DateTimeOffset before, int batch, CancellationToken ct) =>
        InTransactionAsync(
            [
                $"""
                DELETE FROM outbox_events WHERE id IN (
                    SELECT e.id FROM outbox_events e
                    WHERE e.occurred_at < @before AND e.fanned_out = {(Postgres ? "true" : "1")}
                      AND NOT EXISTS (SELECT 1 FROM event_deliveries d WHERE d.event_id = e.id AND d.status <> 1)
                    ORDER BY e.occurred_at LIMIT @batch)
                """,
            ],
            new { before, batch },
            ct
        );

    public Task<int> PurgeIdempotencyKeysAsync(DateTimeOffset before, int batch, CancellationToken ct) =>
        InTransactionAsync(
            [
                """
                DELETE FROM idempotency_keys WHERE (scope, idempotency_key) IN (
                    SELECT scope, idempotency_key FROM idempotency_keys WHERE created_at < @before
                    ORDER BY created_at LIMIT @batch)
                """,
            ],
            new { before, batch },
            ct
        );

    /// <summary>Runs the statements in one transaction; answers the rows the last one deleted.</summary>
    private async Task<int> InTransactionAsync(string[] statements, object parameters, CancellationToken ct)
    {
        await using var transaction = await db.BeginAsync(ct);
        var deleted = 0;
        foreach (var statement in statements)
        {
            deleted = await db.ExecuteAsync(statement, parameters, ct);
        }

        await transaction.CommitAsync(ct);
        return deleted;
    }
}
