using Taskforge.Application.Events;
using Taskforge.Application.Webhooks;
using Taskforge.Domain.Common;
using Taskforge.Domain.Events;
using Taskforge.Domain.Webhooks;
using Taskforge.Infrastructure.Persistence;

namespace Taskforge.Infrastructure.Webhooks;

/// <summary>One claimed delivery with what sending it needs, and the lease that marks it as ours.</summary>
public sealed class ClaimedWebhookDelivery
{
    public Guid Id { get; set; }
    public Guid WebhookId { get; set; }
    public Guid OwnerId { get; set; }
    public Guid EventId { get; set; }
    public string Envelope { get; set; } = "";
    public string Url { get; set; } = "";
    public string Secret { get; set; } = "";
    public int Attempts { get; set; }
    public DateTimeOffset LeaseUntil { get; set; }
}

/// <summary>What one attempt got: the receiver's status (when it answered) and, unless it succeeded, why not.</summary>
public sealed record WebhookAttempt(int? ResponseStatus, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// The delivery loop's statements over <c>webhook_deliveries</c>. Claims take the oldest due
/// deliveries of webhooks that are on, at most a few per webhook (counting those in flight on
/// every instance), so a slow receiver cannot take every sender; on PostgreSQL they skip rows
/// another instance has locked (<c>FOR UPDATE SKIP LOCKED</c>).
/// </summary>
public sealed class PendingWebhookDeliveries(DbSession db, IEventOutbox outbox, WebhookSettings settings)
{
    private bool Postgres => db.Factory.Provider == DatabaseProvider.Postgres;

    public async Task<IReadOnlyList<ClaimedWebhookDelivery>> ClaimAsync(
        DateTimeOffset now,
        TimeSpan lease,
        int take,
        CancellationToken ct
    )
    {
        // The lease's end doubles as the claim's token: a later claimer writes another one.
        var leaseUntil = Moment
            .Truncate(now + lease)
            .AddTicks(Random.Shared.Next(1, 1000) * TimeSpan.TicksPerMicrosecond);
        var perWebhook = settings.ConcurrencyPerWebhook;

        // A read first, outside any transaction: most sweeps find nothing due, and a write
        // transaction for nothing would still take SQLite's one writer from requests.
        // Same conditions as the claim below, webhooks switched off included: their deliveries stay
        // pending, and would otherwise make every sweep take the writer again.
        var anyDue = await db.ExecuteScalarAsync<bool>(
            """
            SELECT EXISTS (
                SELECT 1 FROM webhook_deliveries x JOIN webhooks w ON w.id = x.webhook_id
                WHERE x.status = 0 AND x.next_attempt_at <= @now AND (x.lease_until IS NULL OR x.lease_until < @now)
                  AND w.active = @on AND w.deleted_at IS NULL)
            """,
            new { now, on = true },
            ct
        );
        if (!anyDue)
        {
            return [];
        }

        await using var transaction = await db.BeginAsync(ct);

        // The due conditions are repeated outside the ranking, where PostgreSQL checks them again
        // on the newest row version once it holds the lock.
        var candidates = await db.QueryAsync<(Guid Id, Guid WebhookId, long InFlight)>(
            $"""
            SELECT d.id, d.webhook_id,
                   (SELECT COUNT(*) FROM webhook_deliveries f
                    WHERE f.webhook_id = d.webhook_id AND f.status = 0 AND f.lease_until >= @now) AS in_flight
            FROM webhook_deliveries d
            WHERE d.id IN (
                SELECT id FROM (
                    SELECT x.id, x.next_attempt_at,
                           ROW_NUMBER() OVER (PARTITION BY x.webhook_id ORDER BY x.next_attempt_at, x.id) AS n
                    FROM webhook_deliveries x JOIN webhooks w ON w.id = x.webhook_id
                    WHERE x.status = 0 AND x.next_attempt_at <= @now AND (x.lease_until IS NULL OR x.lease_until < @now)
                      AND w.active = @on AND w.deleted_at IS NULL
                ) ranked
                WHERE n <= @perWebhook
                ORDER BY next_attempt_at
                LIMIT @scan)
              AND d.status = 0 AND d.next_attempt_at <= @now AND (d.lease_until IS NULL OR d.lease_until < @now)
            ORDER BY d.next_attempt_at
            {(Postgres ? "FOR UPDATE OF d SKIP LOCKED" : "")}
            """,
            new
            {
                now,
                on = true,
                perWebhook,
                scan = take * 2,
            },
            ct
        );

        var chosen = new List<Guid>();
        var taken = new Dictionary<Guid, long>();
        foreach (var candidate in candidates)
        {
            var busy = candidate.InFlight + taken.GetValueOrDefault(candidate.WebhookId);
            if (chosen.Count < take && busy < perWebhook)
            {
                chosen.Add(candidate.Id);
                taken[candidate.WebhookId] = taken.GetValueOrDefault(candidate.WebhookId) + 1;
            }
        }

        if (chosen.Count == 0)
        {
            return [];
        }

        await db.ExecuteAsync(
            "UPDATE webhook_deliveries SET lease_until = @leaseUntil, attempts = attempts + 1 WHERE id = @id",
            chosen.Select(id => new { id, leaseUntil }).ToList(),
            ct
        );
        var parameters = new Dapper.DynamicParameters();
        for (var i = 0; i < chosen.Count; i++)
        {
            parameters.Add($"id{i}", chosen[i]);
        }

        var claimed = await db.QueryAsync<ClaimedWebhookDelivery>(
            $"""
            SELECT d.id, d.webhook_id, w.owner_id, d.event_id, d.envelope, w.url, w.secret, d.attempts, d.lease_until
            FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.id IN ({string.Join(", ", chosen.Select((_, i) => $"@id{i}"))})
            """,
            parameters,
            ct
        );
        await transaction.CommitAsync(ct);
        return claimed;
    }

    /// <summary>
    /// Records an attempt: succeeded, retry later, or failed for good. A final failure counts
    /// against the webhook, and the one that completes a run of <see cref="Webhook.DisableAfterFailures"/>
    /// switches it off and tells its owner; a success clears the count. A delivery whose lease
    /// was taken over meanwhile is left to its new claimer.
    /// </summary>
    public async Task RecordAsync(
        ClaimedWebhookDelivery delivery,
        WebhookAttempt attempt,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var retryAt = attempt.Succeeded ? null : now + settings.RetryDelay(delivery.Attempts);
        var status =
            attempt.Succeeded ? WebhookDeliveryStatus.Succeeded
            : retryAt is null ? WebhookDeliveryStatus.Failed
            : WebhookDeliveryStatus.Pending;
        await using var transaction = await db.BeginAsync(ct);
        var written = await db.ExecuteAsync(
            """
            UPDATE webhook_deliveries
            SET status = @status, response_status = @ResponseStatus, last_error = @Error, last_attempt_at = @now,
                next_attempt_at = @next, lease_until = NULL
            WHERE id = @Id AND lease_until = @LeaseUntil
            """,
            new
            {
                status = (short)status,
                attempt.ResponseStatus,
                attempt.Error,
                now,
                next = retryAt ?? now,
                delivery.Id,
                delivery.LeaseUntil,
            },
            ct
        );
        if (written == 1 && status == WebhookDeliveryStatus.Succeeded)
        {
            await db.ExecuteAsync(
                "UPDATE webhooks SET consecutive_failures = 0 WHERE id = @WebhookId AND consecutive_failures <> 0",
                new { delivery.WebhookId },
                ct
            );
        }
        else if (written == 1 && status == WebhookDeliveryStatus.Failed)
        {
            await CountFailureAsync(delivery.WebhookId, now, ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>Hands a claimed delivery back untouched (shutdown): the attempt does not count, and anyone may take it at once.</summary>
    public async Task ReleaseAsync(ClaimedWebhookDelivery delivery, CancellationToken ct)
    {
        await using var transaction = await db.BeginAsync(ct);
        await db.ExecuteAsync(
            """
            UPDATE webhook_deliveries SET lease_until = NULL, attempts = attempts - 1
            WHERE id = @Id AND lease_until = @LeaseUntil AND status = 0
            """,
            new { delivery.Id, delivery.LeaseUntil },
            ct
        );
        await transaction.CommitAsync(ct);
    }

    private async Task CountFailureAsync(Guid webhookId, DateTimeOffset now, CancellationToken ct)
    {
        await db.ExecuteAsync(
            "UPDATE webhooks SET consecutive_failures = consecutive_failures + 1 WHERE id = @webhookId",
            new { webhookId },
            ct
        );
        var disabled = await db.QueryAsync<(Guid OwnerId, string Url)>(
            """
            UPDATE webhooks SET active = @off, updated_at = @now, version = version + 1
            WHERE id = @webhookId AND active = @on AND deleted_at IS NULL AND consecutive_failures >= @limit
            RETURNING owner_id, url
            """,
            new
            {
                webhookId,
                now,
                on = true,
                off = false,
                limit = Webhook.DisableAfterFailures,
            },
            ct
        );
        foreach (var (ownerId, url) in disabled)
        {
            await outbox.RecordAsync(
                DomainEvent.Of(EventTypes.WebhookDisabled, ownerId, new WebhookDisabled(webhookId, url), now),
                ct
            );
        }
    }
}
