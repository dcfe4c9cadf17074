using Taskforge.Application.Common;
using Taskforge.Domain.Webhooks;

namespace Taskforge.Application.Webhooks;

public sealed class GetWebhook(IWebhookRepository webhooks)
{
    public async Task<Result<Webhook>> ExecuteAsync(Guid ownerId, Guid id, CancellationToken ct) =>
        await webhooks.FindAsync(ownerId, id, ct) is { } webhook ? webhook : WebhookErrors.NotFound;
}
