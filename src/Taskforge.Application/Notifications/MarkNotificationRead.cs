using Taskforge.Application.Common;

namespace Taskforge.Application.Notifications;

/// <summary>Marks one of the caller's notifications read; again is fine and keeps the first time.</summary>
public sealed class MarkNotificationRead(INotificationRepository notifications, TimeProvider time)
{
    public async Task<Result<Done>> ExecuteAsync(Guid userId, Guid id, CancellationToken ct) =>
        await notifications.MarkReadAsync(userId, id, time.Now(), ct) ? Done.Value : Error.NotFound("notification");
}
