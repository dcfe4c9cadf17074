namespace Taskforge.Application.Notifications;

public sealed class CountUnreadNotifications(INotificationRepository notifications)
{
    public Task<long> ExecuteAsync(Guid userId, CancellationToken ct) => notifications.CountUnreadAsync(userId, ct);
}
