using Taskforge.Application.Common;
using Taskforge.Domain.Webhooks;

namespace Taskforge.Application.Webhooks;

/// <summary>Changes a webhook; a new URL is checked as at creation, and <c>active: true</c> switches it back on.</summary>
public sealed class UpdateWebhook(
    IWebhookRepository webhooks,
    IOutboundTargets targets,
    IUnitOfWork unitOfWork,
    TimeProvider time
)
{
    public Task<Result<Webhook>> ExecuteAsync(
        Guid ownerId,
        Guid id,
        WebhookChanges changes,
        long? expectedVersion,
        CancellationToken ct
    ) =>
        OptimisticConcurrency.RetryAsync(
            expectedVersion,
            () => AttemptAsync(ownerId, id, changes, expectedVersion, ct)
        );

    private async Task<Result<Webhook>> AttemptAsync(
        Guid ownerId,
        Guid id,
        WebhookChanges changes,
        long? expectedVersion,
        CancellationToken ct
    )
    {
        var webhook = await webhooks.FindAsync(ownerId, id, ct);
        if (webhook is null)
        {
            return WebhookErrors.NotFound;
        }

        if (expectedVersion is { } expected && expected != webhook.Version)
        {
            return Error.VersionMismatch;
        }

        var applied = changes.ApplyTo(WebhookFields.Of(webhook));
        if (!applied.IsSuccess)
        {
            return applied.Error;
        }

        var fields = applied.Value;
        if (fields.Url != webhook.Url && await targets.RefusalAsync(fields.Target!, ct) is { } refusal)
        {
            return Error.Invalid("url", refusal);
        }

        var previousVersion = webhook.Version;
        webhook.Change(fields.Url, fields.Events, fields.Description, fields.Active, time.Now());
        await using var transaction = await unitOfWork.BeginAsync(ct);
        if (await webhooks.UpdateAsync(webhook, previousVersion, ct) != WriteOutcome.Written)
        {
            return Error.VersionMismatch;
        }

        await transaction.CommitAsync(ct);
        return webhook;
    }
}
