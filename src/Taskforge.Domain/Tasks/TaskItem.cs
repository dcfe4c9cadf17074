using Taskforge.Domain.Common;

namespace Taskforge.Domain.Tasks;

/// <summary>A task of one owner, in one of their projects. (Named so it does not shadow System.Threading.Tasks.Task.)</summary>
public sealed class TaskItem : Entity
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 10_000;

    public Guid OwnerId { get; private init; }

    public Guid ProjectId { get; private set; }

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public TaskProgress Status { get; private set; }

    public bool Completed => Status == TaskProgress.Done;

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? DueAt { get; private set; }

    public Priority Priority { get; private set; }

    public IReadOnlyList<string> Tags { get; private set; } = [];

    private TaskItem() { }

    public TaskItem(Guid ownerId, TaskContent content, DateTimeOffset now)
        : base(now)
    {
        OwnerId = ownerId;
        Apply(content, now);
    }

    /// <summary>Rebuilds a stored task exactly as it was saved (no rule runs, nothing is stamped).</summary>
    public static TaskItem Restore(TaskRecord record, IReadOnlyList<string> tags) =>
        new()
        {
            Id = record.Id,
            OwnerId = record.OwnerId,
            ProjectId = record.ProjectId,
            Title = record.Title,
            Description = record.Description,
            Status = record.Status,
            CompletedAt = record.CompletedAt,
            DueAt = record.DueAt,
            Priority = record.Priority,
            Tags = tags,
            CreatedAt = record.CreatedAt,
            UpdatedAt = record.UpdatedAt,
            DeletedAt = record.DeletedAt,
            Version = record.Version,
        };

    /// <summary>An immutable copy of the stored state, which <see cref="Restore"/> turns back into a task.</summary>
    public TaskRecord ToRecord() =>
        new(
            Id,
            OwnerId,
            ProjectId,
            Title,
            Description,
            Status,
            CompletedAt,
            DueAt,
            Priority,
            CreatedAt,
            UpdatedAt,
            DeletedAt,
            Version
        );

    public TaskContent Content => new(ProjectId, Title, Description, Status, DueAt, Priority, Tags);

    public void Change(TaskContent content, DateTimeOffset now)
    {
        Apply(content, now);
        Touch(now);
    }

    private void Apply(TaskContent content, DateTimeOffset now)
    {
        // completedAt belongs to the server: stamped when the task becomes done, kept while
        // it stays done, cleared when it leaves done.
        CompletedAt = content.Completed ? (Completed ? CompletedAt : now) : null;
        ProjectId = content.ProjectId;
        Title = content.Title;
        Description = content.Description;
        Status = content.Status;
        DueAt = content.DueAt is { } due ? Moment.Truncate(due) : null;
        Priority = content.Priority;
        Tags = TaskTags.Normalize(content.Tags);
    }
}

/// <summary>Every field of a task a client writes.</summary>
public sealed record TaskContent(
    Guid ProjectId,
    string Title,
    string? Description,
    TaskProgress Status,
    DateTimeOffset? DueAt,
    Priority Priority,
    IReadOnlyList<string> Tags
)
{
    public bool Completed => Status == TaskProgress.Done;
}

/// <summary>A task's stored columns, as the persistence layer reads them back.</summary>
public sealed record TaskRecord(
    Guid Id,
    Guid OwnerId,
    Guid ProjectId,
    string Title,
    string? Description,
    TaskProgress Status,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? DueAt,
    Priority Priority,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt,
    long Version
);
