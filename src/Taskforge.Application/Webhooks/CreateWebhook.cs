using Taskforge.Application.Common;
using Taskforge.Domain.Webhooks;

namespace Taskforge.Application.Webhooks;

/// <summary>Creates a webhook with a new secret, after checking where its URL leads.</summary>
public sealed class CreateWebhook(
    IWebhookRepository webhooks,
    IOutboundTargets targets,
    IUnitOfWork unitOfWork,
    TimeProvider time
)
{
    public async Task<Result<Webhook>> ExecuteAsync(Guid ownerId, WebhookChanges fields, CancellationToken ct)
    {
        var applied = fields.ApplyTo(WebhookFields.New);
        if (!applied.IsSuccess)
        {
            return applied.Error;
        }

        if (await targets.RefusalAsync(applied.Value.Target!, ct) is { } refusal)
        {
            return Error.Invalid("url", refusal);
        }

        var (url, events, description, _) = applied.Value;
        var webhook = new Webhook(ownerId, url, events, description, WebhookSecret.New(), time.Now());
        await using var transaction = await unitOfWork.BeginAsync(ct);
        if (await webhooks.CountHeldAsync(ownerId, ct) >= Webhook.MaxPerUser)
        {
            return WebhookErrors.TooMany;
        }

        await webhooks.AddAsync(webhook, ct);
        await transaction.CommitAsync(ct);
        return webhook;
    }
}
