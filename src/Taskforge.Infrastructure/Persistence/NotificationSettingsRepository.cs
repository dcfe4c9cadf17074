using Taskforge.Application.Notifications;

namespace Taskforge.Infrastructure.Persistence;

public sealed class NotificationSettingsRepository(DbSession db) : INotificationSettingsRepository
{
    public async Task<NotificationSettings> GetAsync(Guid userId, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<Row>(
            "SELECT email_reminders, email_weekly_summary, push_reminders FROM notification_settings WHERE user_id = @userId",
            new { userId },
            ct
        );
        return row is null
            ? NotificationSettings.Default
            : new NotificationSettings(row.EmailReminders, row.EmailWeeklySummary, row.PushReminders);
    }

    public Task SaveAsync(Guid userId, NotificationSettings settings, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            INSERT INTO notification_settings (user_id, email_reminders, email_weekly_summary, push_reminders, updated_at)
            VALUES (@userId, @EmailReminders, @EmailWeeklySummary, @PushReminders, @now)
            ON CONFLICT (user_id) DO UPDATE SET email_reminders = excluded.email_reminders,
                email_weekly_summary = excluded.email_weekly_summary, push_reminders = excluded.push_reminders,
                updated_at = excluded.updated_at
            """,
            new
            {
                userId,
                settings.EmailReminders,
                settings.EmailWeeklySummary,
                settings.PushReminders,
                now,
            },
            ct
        );

    private sealed class Row
    {
        public bool EmailReminders { get; set; }
        public bool EmailWeeklySummary { get; set; }
        public bool PushReminders { get; set; }
    }
}
