using Taskforge.Application.Common;

namespace Taskforge.Application.Webhooks;

/// <summary>Soft-deletes a webhook; its pending deliveries are no longer sent.</summary>
public sealed class DeleteWebhook(IWebhookRepository webhooks, IUnitOfWork unitOfWork, TimeProvider time)
{
    public async Task<Result<Done>> ExecuteAsync(Guid ownerId, Guid id, long? expectedVersion, CancellationToken ct)
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

        var previousVersion = webhook.Version;
        webhook.MarkDeleted(time.Now());
        await using var transaction = await unitOfWork.BeginAsync(ct);
        if (await webhooks.UpdateAsync(webhook, previousVersion, ct) != WriteOutcome.Written)
        {
            return Error.VersionMismatch;
        }

        await transaction.CommitAsync(ct);
        return Done.Value;
    }
}
