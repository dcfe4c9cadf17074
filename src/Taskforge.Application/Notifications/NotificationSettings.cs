namespace Taskforge.Application.Notifications;

/// <summary>What a user wants to be told, and how; every channel honours it. All on for a new user.</summary>
public sealed record NotificationSettings(bool EmailReminders, bool EmailWeeklySummary, bool PushReminders)
{
    public static NotificationSettings Default { get; } = new(true, true, true);

    /// <summary>
    /// The settings' validator for ETags: the switches themselves as a number (1 to 8), since
    /// equal settings are the same representation and need no stored version.
    /// </summary>
    public long Version => 1 + (EmailReminders ? 1 : 0) + (EmailWeeklySummary ? 2 : 0) + (PushReminders ? 4 : 0);
}

public interface INotificationSettingsRepository
{
    Task<NotificationSettings> GetAsync(Guid userId, CancellationToken ct);

    Task SaveAsync(Guid userId, NotificationSettings settings, DateTimeOffset now, CancellationToken ct);
}
