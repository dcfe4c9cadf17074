using Taskforge.Application.Common;

namespace Taskforge.Application.Webhooks;

/// <summary>The delivery log of one of the caller's webhooks, newest first.</summary>
public sealed class ListWebhookDeliveries(IWebhookRepository webhooks, IWebhookDeliveries deliveries)
{
    public async Task<Result<Page<WebhookDelivery, WebhookDeliveryKey>>> ExecuteAsync(
        Guid ownerId,
        Guid webhookId,
        int limit,
        WebhookDeliveryKey? after,
        CancellationToken ct
    )
    {
        if (await webhooks.FindAsync(ownerId, webhookId, ct) is null)
        {
            return WebhookErrors.NotFound;
        }

        var rows = await deliveries.ListAsync(webhookId, after, limit + 1, ct);
        return Paging.Cut(rows, limit, delivery => new WebhookDeliveryKey(delivery.CreatedAt, delivery.Id));
    }
}
