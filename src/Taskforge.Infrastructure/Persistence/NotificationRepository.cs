using Taskforge.Application.Notifications;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// The feed's statements, the same on SQLite and PostgreSQL. Every read and write is one
/// statement keyed by the user, served by <c>ix_notifications_user</c> or, for what is unread,
/// the partial <c>ix_notifications_user_unread</c>.
/// </summary>
public sealed class NotificationRepository(DbSession db) : INotificationRepository
{
    private const string Columns = "id, user_id, event_id, type, title, body, task_id, created_at, read_at";

    public async Task<bool> AddAsync(Notification notification, CancellationToken ct) =>
        await db.ExecuteAsync(
            $"""
            INSERT INTO notifications ({Columns})
            VALUES (@Id, @UserId, @EventId, @Type, @Title, @Body, @TaskId, @CreatedAt, @ReadAt)
            ON CONFLICT (event_id) DO NOTHING
            """,
            notification,
            ct
        ) > 0;

    public async Task<IReadOnlyList<Notification>> ListAsync(
        Guid userId,
        bool unreadOnly,
        NotificationListKey? after,
        int take,
        CancellationToken ct
    )
    {
        var unread = unreadOnly ? "AND read_at IS NULL" : "";
        var keyset = after is null ? "" : "AND id < @afterId";
        var rows = await db.QueryAsync<Row>(
            $"""
            SELECT {Columns} FROM notifications
            WHERE user_id = @userId {unread} {keyset}
            ORDER BY id DESC
            LIMIT @take
            """,
            new
            {
                userId,
                afterId = after?.Id,
                take,
            },
            ct
        );
        return rows.Select(r => r.ToNotification()).ToList();
    }

    public async Task<long> CountUnreadAsync(Guid userId, CancellationToken ct) =>
        await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM notifications WHERE user_id = @userId AND read_at IS NULL",
            new { userId },
            ct
        );

    public async Task<bool> MarkReadAsync(Guid userId, Guid id, DateTimeOffset now, CancellationToken ct) =>
        await db.ExecuteAsync(
            "UPDATE notifications SET read_at = COALESCE(read_at, @now) WHERE id = @id AND user_id = @userId",
            new
            {
                id,
                userId,
                now,
            },
            ct
        ) > 0;

    public Task MarkAllReadAsync(Guid userId, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(
            "UPDATE notifications SET read_at = @now WHERE user_id = @userId AND read_at IS NULL",
            new { userId, now },
            ct
        );

    private sealed class Row
    {
        public Guid Id { get; set; }
        public Guid UserId { get; set; }
        public Guid EventId { get; set; }
        public string Type { get; set; } = "";
        public string Title { get; set; } = "";
        public string Body { get; set; } = "";
        public Guid? TaskId { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? ReadAt { get; set; }

        public Notification ToNotification() => new(Id, UserId, EventId, Type, Title, Body, TaskId, CreatedAt, ReadAt);
    }
}
