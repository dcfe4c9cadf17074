using Taskforge.Application.Common;
using Taskforge.Application.Events;
using Taskforge.Domain.Events;

namespace Taskforge.Application.Webhooks;

/// <summary>Sends a <c>ping</c> event to one webhook, so its owner can see the receiver verify a delivery.</summary>
public sealed class PingWebhook(IWebhookRepository webhooks, IWebhookDeliveries deliveries, TimeProvider time)
{
    public async Task<Result<Done>> ExecuteAsync(Guid ownerId, Guid id, CancellationToken ct)
    {
        var webhook = await webhooks.FindAsync(ownerId, id, ct);
        if (webhook is null)
        {
            return WebhookErrors.NotFound;
        }

        if (!webhook.Active)
        {
            return WebhookErrors.Inactive;
        }

        var ping = DomainEvent.Of(EventTypes.Ping, ownerId, new WebhookPing(webhook.Id), time.Now());
        await deliveries.QueuePingAsync(webhook.Id, ping, ct);
        return Done.Value;
    }
}
