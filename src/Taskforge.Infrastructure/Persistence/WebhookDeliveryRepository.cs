using Taskforge.Application.Common;
using Taskforge.Application.Events;
using Taskforge.Application.Webhooks;
using Taskforge.Infrastructure.Persistence.Outbox;
using Taskforge.Infrastructure.Webhooks;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// The delivery log as users see and steer it. Each row keeps the envelope it sends, so a
/// redelivery sends the same bytes even after the outbox has purged the event.
/// </summary>
public sealed class WebhookDeliveryRepository(DbSession db, WebhookSignal signal, TimeProvider time)
    : IWebhookDeliveries
{
    private const string Insert = """
        INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_type, envelope, attempts, status,
                                        next_attempt_at, created_at)
        VALUES (@Id, @WebhookId, @EventId, @EventType, @Envelope, 0, 0, @Now, @Now)
        ON CONFLICT (webhook_id, event_id) DO NOTHING
        """;

    public async Task QueueAsync(IReadOnlyList<Guid> webhookIds, EventEnvelope envelope, CancellationToken ct)
    {
        var now = time.Now();
        await db.ExecuteAsync(
            Insert,
            webhookIds
                .Select(webhookId => new
                {
                    Id = Guid.CreateVersion7(),
                    WebhookId = webhookId,
                    EventId = envelope.Id,
                    EventType = envelope.Type,
                    Envelope = envelope.Json,
                    Now = now,
                })
                .ToList(),
            ct
        );
        await db.AfterCommitAsync(Wake);
    }

    public async Task QueuePingAsync(Guid webhookId, DomainEvent ping, CancellationToken ct)
    {
        await db.ExecuteAsync(
            Insert,
            new
            {
                Id = Guid.CreateVersion7(),
                WebhookId = webhookId,
                EventId = ping.Id,
                EventType = ping.Type,
                Envelope = EventOutbox.Serialize(ping),
                Now = ping.OccurredAt,
            },
            ct
        );
        await db.AfterCommitAsync(Wake);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> ListAsync(
        Guid webhookId,
        WebhookDeliveryKey? after,
        int take,
        CancellationToken ct
    )
    {
        var keyset = after is null ? "" : "AND (created_at < @CreatedAt OR (created_at = @CreatedAt AND id < @Id))";
        var rows = await db.QueryAsync<DeliveryRow>(
            $"""
            SELECT id, event_id, event_type, attempts, status, response_status, last_attempt_at, next_attempt_at, created_at
            FROM webhook_deliveries
            WHERE webhook_id = @webhookId {keyset}
            ORDER BY created_at DESC, id DESC
            LIMIT @take
            """,
            new
            {
                webhookId,
                after?.CreatedAt,
                after?.Id,
                take,
            },
            ct
        );
        return rows.Select(r => r.ToDelivery()).ToList();
    }

    // A delivery in flight loses its lease here: its outcome is then not recorded, and it goes again.
    public async Task<bool> RedeliverAsync(Guid webhookId, Guid deliveryId, DateTimeOffset now, CancellationToken ct)
    {
        var redelivered =
            await db.ExecuteAsync(
                """
                UPDATE webhook_deliveries
                SET status = 0, attempts = 0, next_attempt_at = @now, lease_until = NULL
                WHERE id = @deliveryId AND webhook_id = @webhookId
                """,
                new
                {
                    deliveryId,
                    webhookId,
                    now,
                },
                ct
            ) > 0;
        if (redelivered)
        {
            await db.AfterCommitAsync(Wake);
        }

        return redelivered;
    }

    private Task Wake()
    {
        signal.Notify();
        return Task.CompletedTask;
    }

    private sealed class DeliveryRow
    {
        public Guid Id { get; set; }
        public Guid EventId { get; set; }
        public string EventType { get; set; } = "";
        public int Attempts { get; set; }
        public short Status { get; set; }
        public int? ResponseStatus { get; set; }
        public DateTimeOffset? LastAttemptAt { get; set; }
        public DateTimeOffset NextAttemptAt { get; set; }
        public DateTimeOffset CreatedAt { get; set; }

        public WebhookDelivery ToDelivery() =>
            new(
                Id,
                EventId,
                EventType,
                Attempts,
                (WebhookDeliveryStatus)Status,
                ResponseStatus,
                LastAttemptAt,
                Status == (short)WebhookDeliveryStatus.Pending ? NextAttemptAt : null,
                CreatedAt
            );
    }
}
