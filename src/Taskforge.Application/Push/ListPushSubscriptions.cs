using Taskforge.Application.Common;

namespace Taskforge.Application.Push;

/// <summary>The caller's push subscriptions, oldest first.</summary>
public sealed class ListPushSubscriptions(IPushSubscriptionRepository subscriptions)
{
    public async Task<Page<PushSubscription, PushSubscriptionListKey>> ExecuteAsync(
        Guid userId,
        int limit,
        PushSubscriptionListKey? after,
        CancellationToken ct
    )
    {
        var rows = await subscriptions.ListAsync(userId, after, limit + 1, ct);
        return Paging.Cut(rows, limit, subscription => new PushSubscriptionListKey(subscription.Id));
    }
}
