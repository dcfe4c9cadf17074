using Taskforge.Application.Common;

namespace Taskforge.Application.Notifications;

/// <summary>The caller's feed, newest first; optionally only what is unread.</summary>
public sealed class ListNotifications(INotificationRepository notifications)
{
    public async Task<Page<Notification, NotificationListKey>> ExecuteAsync(
        Guid userId,
        bool unreadOnly,
        int limit,
        NotificationListKey? after,
        CancellationToken ct
    )
    {
        var rows = await notifications.ListAsync(userId, unreadOnly, after, limit + 1, ct);
        return Paging.Cut(rows, limit, notification => new NotificationListKey(notification.Id));
    }
}
