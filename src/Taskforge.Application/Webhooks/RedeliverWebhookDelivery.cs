using Taskforge.Application.Common;

namespace Taskforge.Application.Webhooks;

/// <summary>Sends a delivery again (the same event, the same <c>webhook-id</c>), with a fresh set of attempts.</summary>
public sealed class RedeliverWebhookDelivery(
    IWebhookRepository webhooks,
    IWebhookDeliveries deliveries,
    TimeProvider time
)
{
    public async Task<Result<Done>> ExecuteAsync(Guid ownerId, Guid webhookId, Guid deliveryId, CancellationToken ct)
    {
        var webhook = await webhooks.FindAsync(ownerId, webhookId, ct);
        if (webhook is null)
        {
            return WebhookErrors.NotFound;
        }

        if (!webhook.Active)
        {
            return WebhookErrors.Inactive;
        }

        return await deliveries.RedeliverAsync(webhookId, deliveryId, time.Now(), ct)
            ? Done.Value
            : WebhookErrors.DeliveryNotFound;
    }
}
