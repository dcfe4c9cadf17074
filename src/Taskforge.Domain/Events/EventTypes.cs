namespace Taskforge.Domain.Events;

/// <summary>
/// The names of events. The public ones are the contract's: every consumer outside the process
/// (RabbitMQ, webhooks, the hub) sees them. The internal ones are notices to a user that change
/// no data of theirs; they travel the same outbox to the mail and feed consumers only.
/// </summary>
public static class EventTypes
{
    public const string UserRegistered = "user.registered";
    public const string UserDeleted = "user.deleted";
    public const string ProjectCreated = "project.created";
    public const string ProjectUpdated = "project.updated";
    public const string ProjectDeleted = "project.deleted";
    public const string TaskCreated = "task.created";
    public const string TaskUpdated = "task.updated";
    public const string TaskCompleted = "task.completed";
    public const string TaskDeleted = "task.deleted";
    public const string TaskDue = "task.due";

    public const string PasswordChanged = "internal.password_changed";
    public const string WeeklySummary = "internal.weekly_summary";
    public const string SystemReport = "internal.system_report";
    public const string WebhookDisabled = "internal.webhook_disabled";

    /// <summary>The test event of <c>POST /webhooks/{id}/ping</c>: sent to that one webhook, never through the outbox.</summary>
    public const string Ping = "ping";

    public static IReadOnlyList<string> Public { get; } =
    [
        UserRegistered,
        UserDeleted,
        ProjectCreated,
        ProjectUpdated,
        ProjectDeleted,
        TaskCreated,
        TaskUpdated,
        TaskCompleted,
        TaskDeleted,
        TaskDue,
    ];

    public static bool IsPublic(string type) => !type.StartsWith("internal.", StringComparison.Ordinal);
}
