using Taskforge.Infrastructure.Persistence;

namespace Taskforge.Infrastructure.Telemetry;

/// <summary>The outbox as an operator watches it: what waits for delivery, since when, and what gave up.</summary>
public sealed class OutboxFigures(DbSession db)
{
    public async Task<(long Waiting, double OldestAgeSeconds, long DeadLetters)> ReadAsync(
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var postgres = db.Factory.Provider == DatabaseProvider.Postgres;
        var events = await db.QuerySingleOrDefaultAsync<Row>(
            $"SELECT COUNT(*) AS count, MIN(occurred_at) AS oldest FROM outbox_events WHERE fanned_out = {(postgres ? "false" : "0")}",
            null,
            ct
        );
        var deliveries = await db.QuerySingleOrDefaultAsync<Row>(
            """
            SELECT COUNT(*) AS count, MIN(e.occurred_at) AS oldest
            FROM event_deliveries d JOIN outbox_events e ON e.id = d.event_id
            WHERE d.status = 0
            """,
            null,
            ct
        );
        var dead = await db.ExecuteScalarAsync<long>(
            "SELECT (SELECT COUNT(*) FROM event_deliveries WHERE status = 2) + (SELECT COUNT(*) FROM webhook_deliveries WHERE status = 2)",
            null,
            ct
        );
        var oldest = new[] { events?.Oldest, deliveries?.Oldest }.Where(t => t is not null).Min();
        return (
            (events?.Count ?? 0) + (deliveries?.Count ?? 0),
            oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0,
            dead
        );
    }

    private sealed class Row
    {
        public long Count { get; set; }
        public DateTimeOffset? Oldest { get; set; }
    }
}
