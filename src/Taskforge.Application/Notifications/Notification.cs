namespace Taskforge.Application.Notifications;

/// <summary>
/// One entry of a user's feed, stored once per event (<see cref="EventId"/>). The id is a UUIDv7
/// of <see cref="CreatedAt"/>, so ordering by id is ordering by time.
/// </summary>
public sealed record Notification(
    Guid Id,
    Guid UserId,
    Guid EventId,
    string Type,
    string Title,
    string Body,
    Guid? TaskId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt
);

/// <summary>The kinds of notification, as the API names them.</summary>
public static class NotificationTypes
{
    public const string Welcome = "welcome";
    public const string PasswordChanged = "password_changed";
    public const string TaskDue = "task_due";
    public const string WebhookDisabled = "webhook_disabled";
}

/// <summary>A keyset position in a user's feed (newest first).</summary>
public sealed record NotificationListKey(Guid Id);

public interface INotificationRepository
{
    /// <summary>Stores the notification unless one for the same event exists; false when it did.</summary>
    Task<bool> AddAsync(Notification notification, CancellationToken ct);

    Task<IReadOnlyList<Notification>> ListAsync(
        Guid userId,
        bool unreadOnly,
        NotificationListKey? after,
        int take,
        CancellationToken ct
    );

    Task<long> CountUnreadAsync(Guid userId, CancellationToken ct);

    /// <summary>Stamps read_at unless already read; false when the user has no notification with that id.</summary>
    Task<bool> MarkReadAsync(Guid userId, Guid id, DateTimeOffset now, CancellationToken ct);

    Task MarkAllReadAsync(Guid userId, DateTimeOffset now, CancellationToken ct);
}
