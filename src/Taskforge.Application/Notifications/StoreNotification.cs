using System.Globalization;
using System.Text.Json;
using Taskforge.Application.Events;
using Taskforge.Application.Users;
using Taskforge.Domain.Events;

namespace Taskforge.Application.Notifications;

/// <summary>
/// The feed consumer: keeps a notification of each event a user should see even if they were
/// away (welcome, password changed, a task falling due, a webhook switched off). One per event:
/// a redelivery finds the notification already there and stores nothing.
/// </summary>
public sealed class StoreNotification(IUserRepository users, INotificationRepository notifications) : IEventConsumer
{
    public string Name => "feed";

    public bool Accepts(string eventType) =>
        eventType
            is EventTypes.UserRegistered
                or EventTypes.PasswordChanged
                or EventTypes.TaskDue
                or EventTypes.WebhookDisabled;

    public async Task DeliverAsync(EventEnvelope envelope, CancellationToken ct)
    {
        if (envelope.UserId is not { } userId || await users.FindAsync(userId, ct) is not { } user)
        {
            return;
        }

        var data = envelope.Data();
        var (type, title, body, taskId) = envelope.Type switch
        {
            EventTypes.UserRegistered => (
                NotificationTypes.Welcome,
                "Welcome to Taskforge",
                $"Hello {user.FirstName}, your account is ready. Your tasks start in your Inbox project.",
                (Guid?)null
            ),
            EventTypes.PasswordChanged => (
                NotificationTypes.PasswordChanged,
                "Your password was changed",
                $"The password of your account was changed at {Format(envelope.OccurredAt)} and every device was signed out. If this was not you, reset your password at once.",
                null
            ),
            EventTypes.TaskDue => (
                NotificationTypes.TaskDue,
                TaskDueTitle(data),
                TaskDueBody(data),
                data.GetProperty("id").GetGuid()
            ),
            EventTypes.WebhookDisabled => (
                NotificationTypes.WebhookDisabled,
                "A webhook was switched off",
                $"Deliveries to {data.GetProperty("url").GetString()} failed too many times in a row, so the webhook was switched off. Switch it back on with active: true once the receiver works again.",
                null
            ),
            _ => throw new InvalidOperationException($"The feed does not take '{envelope.Type}' events."),
        };

        await notifications.AddAsync(
            new Notification(
                Guid.CreateVersion7(envelope.OccurredAt),
                userId,
                envelope.Id,
                type,
                title,
                body,
                taskId,
                envelope.OccurredAt,
                null
            ),
            ct
        );
    }

    /// <summary>The title of a due task's notification; Web Push shows the same.</summary>
    public static string TaskDueTitle(JsonElement task) => $"Due now: {task.GetProperty("title").GetString()}";

    public static string TaskDueBody(JsonElement task) =>
        $"Your task \"{task.GetProperty("title").GetString()}\" was due at {Format(task.GetProperty("dueAt").GetDateTimeOffset())}.";

    private static string Format(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
