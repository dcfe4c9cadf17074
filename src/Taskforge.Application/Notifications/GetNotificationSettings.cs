namespace Taskforge.Application.Notifications;

public sealed class GetNotificationSettings(INotificationSettingsRepository settings)
{
    public Task<NotificationSettings> ExecuteAsync(Guid userId, CancellationToken ct) => settings.GetAsync(userId, ct);
}
