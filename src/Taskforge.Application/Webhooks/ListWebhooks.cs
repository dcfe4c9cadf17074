using Taskforge.Application.Common;
using Taskforge.Domain.Webhooks;

namespace Taskforge.Application.Webhooks;

/// <summary>The caller's webhooks, oldest first.</summary>
public sealed class ListWebhooks(IWebhookRepository webhooks)
{
    public async Task<Page<Webhook, WebhookListKey>> ExecuteAsync(
        Guid ownerId,
        int limit,
        WebhookListKey? after,
        CancellationToken ct
    )
    {
        var rows = await webhooks.ListAsync(new WebhookListQuery(ownerId, after, limit + 1), ct);
        return Paging.Cut(rows, limit, webhook => new WebhookListKey(webhook.CreatedAt, webhook.Id));
    }
}
