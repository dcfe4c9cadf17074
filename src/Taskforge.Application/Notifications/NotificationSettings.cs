namespace Taskforge.Application.Notifications;

/// <summary>What a user wants to be told, and how; every channel honours it. All on for a new user.</summary>
public sealed record NotificationSettings(bool EmailReminders, bool EmailWeeklySummary, bool PushReminders)
{
    public static NotificationSettings Default { get; } = new(true, true, true);
}

public interface INotificationSettingsRepository
{
    Task<NotificationSettings> GetAsync(Guid userId, CancellationToken ct);

    Task SaveAsync(Guid userId, NotificationSettings settings, DateTimeOffset now, CancellationToken ct);
}
