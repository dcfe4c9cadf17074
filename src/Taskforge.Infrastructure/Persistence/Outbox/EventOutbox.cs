using System.Text.Json;
using Taskforge.Application.Events;

namespace Taskforge.Infrastructure.Persistence.Outbox;

/// <summary>
/// Inserts events into <c>outbox_events</c> through the request's <see cref="DbSession"/>, so
/// they commit or roll back with the change they describe. The envelope is serialised here,
/// once: every delivery and redelivery sends these exact bytes.
/// </summary>
public sealed class EventOutbox(DbSession db, OutboxSignal signal) : IEventOutbox
{
    private const string Insert = """
        INSERT INTO outbox_events (id, type, user_id, occurred_at, envelope)
        VALUES (@Id, @Type, @UserId, @OccurredAt, @Envelope)
        """;

    public Task RecordAsync(DomainEvent domainEvent, CancellationToken ct) => RecordAsync([domainEvent], ct);

    public async Task RecordAsync(IReadOnlyList<DomainEvent> domainEvents, CancellationToken ct)
    {
        if (domainEvents.Count == 0)
        {
            return;
        }

        var rows = domainEvents.Select(e => new
        {
            e.Id,
            e.Type,
            e.UserId,
            e.OccurredAt,
            Envelope = Serialize(e),
        });
        await db.DeferAsync(Insert, rows.ToList(), ct);
        await db.AfterCommitAsync(() =>
        {
            signal.Notify();
            return Task.CompletedTask;
        });
    }

    public static string Serialize(DomainEvent e) =>
        JsonSerializer.Serialize(
            new Envelope(e.Id, e.Type, e.OccurredAt.UtcDateTime, e.UserId, e.Data),
            EventJson.Options
        );

    // DateTime in UTC, as the API writes times ("...Z"), so data and envelope read alike.
    private sealed record Envelope(Guid Id, string Type, DateTime OccurredAt, Guid? UserId, object Data);
}
