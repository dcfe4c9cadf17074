using Taskforge.Application.Common;

namespace Taskforge.Application.Push;

/// <summary>Forgets one of the caller's push subscriptions (for good: it holds a browser's keys).</summary>
public sealed class UnsubscribeFromPush(IPushSubscriptionRepository subscriptions)
{
    public async Task<Result<Done>> ExecuteAsync(Guid userId, Guid id, CancellationToken ct) =>
        await subscriptions.DeleteAsync(userId, id, ct) ? Done.Value : Error.NotFound("push subscription");
}
