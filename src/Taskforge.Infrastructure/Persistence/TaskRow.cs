using Taskforge.Domain.Tasks;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>A tasks row as Dapper reads it (settable properties convert SQLite's integers to bool and enum).</summary>
internal class TaskRow
{
    public Guid Id { get; set; }
    public Guid OwnerId { get; set; }
    public Guid ProjectId { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string Status { get; set; } = "todo";
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public Priority Priority { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public long Version { get; set; }

    public TaskItem ToTask(IEnumerable<string> tags) =>
        TaskItem.Restore(
            new TaskRecord(
                Id,
                OwnerId,
                ProjectId,
                Title,
                Description,
                TaskProgressNames.FromName(Status) ?? TaskProgress.Todo,
                CompletedAt,
                DueAt,
                Priority,
                CreatedAt,
                UpdatedAt,
                DeletedAt,
                Version
            ),
            TaskTags.Normalize(tags)
        );
}
