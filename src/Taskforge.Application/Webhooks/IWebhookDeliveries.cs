using Taskforge.Application.Events;

namespace Taskforge.Application.Webhooks;

/// <summary>The delivery log of webhooks: one row per webhook and event, sent in the background.</summary>
public interface IWebhookDeliveries
{
    /// <summary>A pending delivery of the event to each webhook; an event already queued for a webhook is not queued twice.</summary>
    Task QueueAsync(IReadOnlyList<Guid> webhookIds, EventEnvelope envelope, CancellationToken ct);

    /// <summary>A pending delivery of a ping to one webhook (pings never pass through the outbox).</summary>
    Task QueuePingAsync(Guid webhookId, DomainEvent ping, CancellationToken ct);

    /// <summary>The webhook's deliveries, newest first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListAsync(
        Guid webhookId,
        WebhookDeliveryKey? after,
        int take,
        CancellationToken ct
    );

    /// <summary>Makes a delivery of the webhook pending again, due now, with fresh attempts; false when it has no such delivery.</summary>
    Task<bool> RedeliverAsync(Guid webhookId, Guid deliveryId, DateTimeOffset now, CancellationToken ct);
}

public enum WebhookDeliveryStatus : short
{
    Pending = 0,
    Succeeded = 1,
    Failed = 2,
}

public sealed record WebhookDelivery(
    Guid Id,
    Guid EventId,
    string EventType,
    int Attempts,
    WebhookDeliveryStatus Status,
    int? ResponseStatus,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt
);

/// <summary>A keyset position in a delivery log (newest first).</summary>
public sealed record WebhookDeliveryKey(DateTimeOffset CreatedAt, Guid Id);
