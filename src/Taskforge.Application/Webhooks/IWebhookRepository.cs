using Taskforge.Application.Common;
using Taskforge.Domain.Webhooks;

namespace Taskforge.Application.Webhooks;

/// <summary>Webhooks, always seen through their owner: another user's webhook is simply not found.</summary>
public interface IWebhookRepository
{
    Task AddAsync(Webhook webhook, CancellationToken ct);

    /// <summary>
    /// Inside a transaction: the owner's live webhooks, counted while holding the owner's row, so
    /// concurrent creates take turns and cannot pass the limit together.
    /// </summary>
    Task<int> CountHeldAsync(Guid ownerId, CancellationToken ct);

    Task<Webhook?> FindAsync(Guid ownerId, Guid id, CancellationToken ct);

    Task<IReadOnlyList<Webhook>> ListAsync(WebhookListQuery query, CancellationToken ct);

    /// <summary>The owner's live webhooks that are switched on (at most <see cref="Webhook.MaxPerUser"/>).</summary>
    Task<IReadOnlyList<Webhook>> ListActiveAsync(Guid ownerId, CancellationToken ct);

    /// <summary>Of these users, those with at least one live webhook that is switched on.</summary>
    Task<IReadOnlySet<Guid>> OwnersWithActiveAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken ct);

    /// <summary>Writes the webhook (a change or a soft delete) only if the stored version is still <paramref name="expectedVersion"/>.</summary>
    Task<WriteOutcome> UpdateAsync(Webhook webhook, long expectedVersion, CancellationToken ct);

    /// <summary>Soft-deletes every webhook of the owner, when an account goes: nothing of theirs is sent any more.</summary>
    Task DeleteAllOwnedByAsync(Guid ownerId, DateTimeOffset now, CancellationToken ct);
}

public sealed record WebhookListQuery(Guid OwnerId, WebhookListKey? After, int Take);

/// <summary>A keyset position in the creation order: the last webhook's creation time and id.</summary>
public sealed record WebhookListKey(DateTimeOffset CreatedAt, Guid Id);
