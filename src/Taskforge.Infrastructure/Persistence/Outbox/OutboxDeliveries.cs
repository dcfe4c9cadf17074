using Taskforge.Application.Events;
using Taskforge.Domain.Common;

namespace Taskforge.Infrastructure.Persistence.Outbox;

/// <summary>One claimed delivery: an event for one consumer, and the lease that marks it as ours.</summary>
public sealed class ClaimedDelivery
{
    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public string Consumer { get; set; } = "";
    public int Attempts { get; set; }
    public DateTimeOffset LeaseUntil { get; set; }
    public EventEnvelope? Envelope { get; set; }
}

/// <summary>What a fan-out did: how many events it handled, and which consumers got deliveries.</summary>
public sealed record FanOut(int Events, IReadOnlyCollection<string> Consumers);

/// <summary>What became of a delivery attempt.</summary>
public sealed record DeliveryOutcome(ClaimedDelivery Delivery, string? Error, DateTimeOffset? RetryAt);

/// <summary>
/// The dispatcher's statements over <c>outbox_events</c> and <c>event_deliveries</c>. On
/// PostgreSQL, claims skip rows another instance has locked (<c>FOR UPDATE SKIP LOCKED</c>), so
/// instances share the work without handing one delivery to two of them; on SQLite the one
/// writer at a time gives the same guarantee.
/// </summary>
public sealed class OutboxDeliveries(DbSession db)
{
    private bool Postgres => db.Factory.Provider == DatabaseProvider.Postgres;

    private string False => Postgres ? "false" : "0";

    // A consumer's deliveries that are due: new or retried, and not under another claimer's lease.
    private const string Due =
        "status = 0 AND consumer = @consumer AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until < @now)";

    /// <summary>
    /// The timed sweep's look for waiting events: a row when there is one. Written in the waiting
    /// index's order, not as EXISTS: PostgreSQL plans an EXISTS by its row estimate, and with
    /// statistics from before the events were fanned out it scanned the whole table for the
    /// newest few (14 ms a sweep under steady writes, a third of a core).
    /// </summary>
    public static string WaitingProbe(DatabaseProvider provider) =>
        $"SELECT 1 FROM outbox_events WHERE fanned_out = {(provider == DatabaseProvider.Postgres ? "false" : "0")} ORDER BY occurred_at, id LIMIT 1";

    private string SkipLocked => Postgres ? "FOR UPDATE SKIP LOCKED" : "";

    private string IdIn(string list) => IdLists.Matches(db.Factory.Provider, "id", list);

    private object Ids(IEnumerable<Guid> ids) => IdLists.Values(db.Factory.Provider, ids);

    /// <summary>
    /// Turns waiting events into one pending delivery per consumer that accepts them and may have
    /// work for their user (<see cref="IEventConsumer.UsersWithWorkAsync"/>). The consumers are
    /// the caller's scope's: asking them reads through this session.
    /// </summary>
    /// <param name="announced">A commit signal announced events: skip the read that looks for them first.</param>
    public async Task<FanOut> FanOutAsync(
        IReadOnlyList<IEventConsumer> consumers,
        int batch,
        bool announced,
        CancellationToken ct
    )
    {
        // On a timed sweep, a read first, outside any transaction: most find nothing, and a write
        // transaction for nothing would still take SQLite's one writer from requests (three round
        // trips on PostgreSQL).
        if (!announced && await db.ExecuteScalarAsync<int?>(WaitingProbe(db.Factory.Provider), null, ct) is null)
        {
            return new FanOut(0, []);
        }

        await using var transaction = await db.BeginAsync(ct);
        var waiting = await db.QueryAsync<WaitingEvent>(
            $"""
            SELECT id, type, occurred_at, user_id FROM outbox_events
            WHERE fanned_out = {False}
            ORDER BY occurred_at, id
            LIMIT @batch
            {SkipLocked}
            """,
            new { batch },
            ct
        );
        if (waiting.Count == 0)
        {
            return new FanOut(0, []);
        }

        var deliveries = await DeliveriesAsync(consumers, waiting, ct);
        if (deliveries.Count > 0)
        {
            await InsertDeliveriesAsync(deliveries, ct);
        }

        await db.ExecuteAsync(
            $"UPDATE outbox_events SET fanned_out = {(Postgres ? "true" : "1")} WHERE {IdIn("Ids")}",
            new { Ids = Ids(waiting.Select(e => e.Id)) },
            ct
        );
        await transaction.CommitAsync(ct);
        return new FanOut(waiting.Count, deliveries.Select(d => d.Consumer).ToHashSet());
    }

    // One delivery per event and consumer that accepts it and may have work for its user.
    private static async Task<List<NewDelivery>> DeliveriesAsync(
        IReadOnlyList<IEventConsumer> consumers,
        IReadOnlyList<WaitingEvent> waiting,
        CancellationToken ct
    )
    {
        var deliveries = new List<NewDelivery>();
        foreach (var consumer in consumers)
        {
            var accepted = waiting.Where(e => consumer.Accepts(e.Type)).ToList();
            if (accepted.Count == 0)
            {
                continue;
            }

            var users = accepted.Where(e => e.UserId is not null).Select(e => e.UserId!.Value).Distinct().ToList();
            var withWork = await consumer.UsersWithWorkAsync(users, ct);
            deliveries.AddRange(
                from e in accepted
                where withWork is null || (e.UserId is { } user && withWork.Contains(user))
                select new NewDelivery(Guid.CreateVersion7(), e.Id, consumer.Name, e.OccurredAt)
            );
        }

        return deliveries;
    }

    private async Task InsertDeliveriesAsync(IReadOnlyList<NewDelivery> deliveries, CancellationToken ct)
    {
        const string Insert =
            "INSERT INTO event_deliveries (id, event_id, consumer, status, attempts, next_attempt_at)";
        if (Postgres)
        {
            // One statement for the whole batch: PostgreSQL takes the columns as arrays, where a
            // statement per row would cost a round trip per row.
            await db.ExecuteAsync(
                $"""
                {Insert}
                SELECT d.id, d.event_id, d.consumer, 0, 0, d.next_attempt_at
                FROM unnest(@Ids, @EventIds, @Consumers, @NextAttempts) AS d(id, event_id, consumer, next_attempt_at)
                ON CONFLICT (event_id, consumer) DO NOTHING
                """,
                new
                {
                    Ids = deliveries.Select(d => d.Id).ToArray(),
                    EventIds = deliveries.Select(d => d.EventId).ToArray(),
                    Consumers = deliveries.Select(d => d.Consumer).ToArray(),
                    NextAttempts = deliveries.Select(d => d.NextAttemptAt.ToUniversalTime()).ToArray(),
                },
                ct
            );
            return;
        }

        // SQLite runs in the process: a row at a time through the writer's kept statement is cheap.
        await db.ExecuteAsync(
            $"""
            {Insert}
            VALUES (@Id, @EventId, @Consumer, 0, 0, @NextAttemptAt)
            ON CONFLICT (event_id, consumer) DO NOTHING
            """,
            deliveries,
            ct
        );
    }

    private sealed record WaitingEvent(Guid Id, string Type, DateTimeOffset OccurredAt, Guid? UserId);

    private sealed record NewDelivery(Guid Id, Guid EventId, string Consumer, DateTimeOffset NextAttemptAt);

    /// <summary>Claims one consumer's due deliveries (new, retries, and those whose claimer's lease ran out) with their events.</summary>
    /// <param name="announced">The fan-out announced deliveries: skip the read that looks for them first.</param>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(
        string consumer,
        DateTimeOffset now,
        TimeSpan lease,
        int batch,
        bool announced,
        CancellationToken ct
    )
    {
        // On a timed sweep, a read first, outside any transaction, as in FanOutAsync: a lane that
        // finds nothing due (most sweeps) costs one indexed lookup and never takes the writer.
        if (
            !announced
            && !await db.ExecuteScalarAsync<bool>(
                $"SELECT EXISTS (SELECT 1 FROM event_deliveries WHERE {Due})",
                new { consumer, now },
                ct
            )
        )
        {
            return [];
        }

        // The lease's end doubles as the claim's token: a later claimer writes another one.
        var leaseUntil = Moment
            .Truncate(now + lease)
            .AddTicks(Random.Shared.Next(1, 1000) * TimeSpan.TicksPerMicrosecond);
        IReadOnlyList<ClaimedDelivery> claimed;
        await using (var transaction = await db.BeginAsync(ct))
        {
            claimed = await db.QueryAsync<ClaimedDelivery>(
                $"""
                UPDATE event_deliveries SET lease_until = @leaseUntil, attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM event_deliveries
                    WHERE {Due}
                    ORDER BY next_attempt_at
                    LIMIT @batch
                    {SkipLocked})
                RETURNING id, event_id, consumer, attempts, lease_until
                """,
                new
                {
                    consumer,
                    now,
                    leaseUntil,
                    batch,
                },
                ct
            );
            await transaction.CommitAsync(ct);
        }

        if (claimed.Count == 0)
        {
            return claimed;
        }

        var ids = claimed.Select(d => d.EventId).Distinct().ToList();
        var envelopes = new Dictionary<Guid, EventEnvelope>();
        foreach (var chunk in ids.Chunk(100))
        {
            var names = chunk.Select((_, i) => $"@id{i}");
            var parameters = new Dapper.DynamicParameters();
            for (var i = 0; i < chunk.Length; i++)
            {
                parameters.Add($"id{i}", chunk[i]);
            }

            var rows = await db.QueryAsync<EventRow>(
                $"SELECT id, type, occurred_at, user_id, envelope FROM outbox_events WHERE id IN ({string.Join(", ", names)})",
                parameters,
                ct
            );
            foreach (var row in rows)
            {
                envelopes[row.Id] = new EventEnvelope(row.Id, row.Type, row.OccurredAt, row.UserId, row.Envelope);
            }
        }

        foreach (var delivery in claimed)
        {
            delivery.Envelope = envelopes.GetValueOrDefault(delivery.EventId);
        }

        return claimed;
    }

    /// <summary>
    /// Records what became of each attempt: delivered, retry later, or dead. A delivery whose
    /// lease was taken over meanwhile is left to its new claimer.
    /// </summary>
    public async Task RecordAsync(IReadOnlyList<DeliveryOutcome> outcomes, DateTimeOffset now, CancellationToken ct)
    {
        if (outcomes.Count == 0)
        {
            return;
        }

        // The usual outcome, delivered, goes in one statement per claim (a claim's deliveries
        // share their lease); failures, each with its own error and next attempt, one by one.
        var delivered = outcomes
            .Where(o => o.Error is null)
            .GroupBy(o => o.Delivery.LeaseUntil)
            .Select(claim => new { LeaseUntil = claim.Key, Ids = Ids(claim.Select(o => o.Delivery.Id)) })
            .ToList();
        var failed = outcomes
            .Where(o => o.Error is not null)
            .Select(o => new
            {
                o.Delivery.Id,
                o.Delivery.LeaseUntil,
                Status = (short)(o.RetryAt is null ? DeliveryStatus.Dead : DeliveryStatus.Pending),
                NextAttemptAt = o.RetryAt ?? now,
                LastError = o.Error,
                FinishedAt = o.RetryAt is null ? now : (DateTimeOffset?)null,
            })
            .ToList();
        await using var transaction = await db.BeginAsync(ct);
        foreach (var claim in delivered)
        {
            await db.ExecuteAsync(
                $"""
                UPDATE event_deliveries
                SET status = @Status, next_attempt_at = @now, lease_until = NULL, last_error = NULL, finished_at = @now
                WHERE {IdIn("Ids")} AND lease_until = @LeaseUntil
                """,
                new
                {
                    Status = (short)DeliveryStatus.Delivered,
                    now,
                    claim.Ids,
                    claim.LeaseUntil,
                },
                ct
            );
        }

        if (failed.Count > 0)
        {
            await db.ExecuteAsync(
                """
                UPDATE event_deliveries
                SET status = @Status, next_attempt_at = @NextAttemptAt, lease_until = NULL, last_error = @LastError,
                    finished_at = @FinishedAt
                WHERE id = @Id AND lease_until = @LeaseUntil
                """,
                failed,
                ct
            );
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>Hands claimed deliveries back untouched (shutdown): the attempt does not count, and anyone may take them at once.</summary>
    public async Task ReleaseAsync(IReadOnlyList<ClaimedDelivery> deliveries, CancellationToken ct)
    {
        if (deliveries.Count == 0)
        {
            return;
        }

        await using var transaction = await db.BeginAsync(ct);
        await db.ExecuteAsync(
            """
            UPDATE event_deliveries SET lease_until = NULL, attempts = attempts - 1
            WHERE id = @Id AND lease_until = @LeaseUntil AND status = 0
            """,
            deliveries.Select(d => new { d.Id, d.LeaseUntil }).ToList(),
            ct
        );
        await transaction.CommitAsync(ct);
    }
}

internal sealed class EventRow
{
    public Guid Id { get; set; }
    public string Type { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public Guid? UserId { get; set; }
    public string Envelope { get; set; } = "";
}

/// <summary>The <c>status</c> column of <c>event_deliveries</c>.</summary>
public enum DeliveryStatus : short
{
    Pending = 0,
    Delivered = 1,
    Dead = 2,
}
