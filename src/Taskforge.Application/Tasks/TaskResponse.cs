using Taskforge.Domain.Tasks;

namespace Taskforge.Application.Tasks;

/// <summary>A task as v1 shows it: the body of GET and the <c>data</c> of its events.</summary>
public sealed record TaskResponse(
    Guid Id,
    Guid ProjectId,
    string Title,
    string? Description,
    bool Completed,
    DateTime? CompletedAt,
    DateTime? DueAt,
    string Priority,
    IReadOnlyList<string> Tags,
    DateTime CreatedAt,
    DateTime UpdatedAt
)
{
    public static TaskResponse From(TaskItem task) =>
        new(
            task.Id,
            task.ProjectId,
            task.Title,
            task.Description,
            task.Completed,
            task.CompletedAt?.UtcDateTime,
            task.DueAt?.UtcDateTime,
            Priorities.ToName(task.Priority),
            task.Tags,
            task.CreatedAt.UtcDateTime,
            task.UpdatedAt.UtcDateTime
        );
}
