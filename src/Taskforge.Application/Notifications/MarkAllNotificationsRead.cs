using Taskforge.Application.Common;

namespace Taskforge.Application.Notifications;

/// <summary>Marks every unread notification of the caller read.</summary>
public sealed class MarkAllNotificationsRead(INotificationRepository notifications, TimeProvider time)
{
    public Task ExecuteAsync(Guid userId, CancellationToken ct) =>
        notifications.MarkAllReadAsync(userId, time.Now(), ct);
}
