using Microsoft.AspNetCore.Mvc;
using Taskforge.Api.Http;
using Taskforge.Application.Common;
using Taskforge.Application.Tasks;
using Taskforge.Domain.Tasks;

namespace Taskforge.Api.Contracts;

/// <summary>A task as v2 shows it: v1's fields with <c>status</c> in place of <c>completed</c>.</summary>
public sealed record TaskV2Response(
    Guid Id,
    Guid ProjectId,
    string Title,
    string? Description,
    string Status,
    DateTime? CompletedAt,
    DateTime? DueAt,
    string Priority,
    IReadOnlyList<string> Tags,
    DateTime CreatedAt,
    DateTime UpdatedAt
) : ITaskRepresentation<TaskV2Response>
{
    public static TaskV2Response From(TaskItem task) =>
        new(
            task.Id,
            task.ProjectId,
            task.Title,
            task.Description,
            TaskProgressNames.ToName(task.Status),
            task.CompletedAt?.UtcDateTime,
            task.DueAt?.UtcDateTime,
            Priorities.ToName(task.Priority),
            task.Tags,
            task.CreatedAt.UtcDateTime,
            task.UpdatedAt.UtcDateTime
        );

    public static TaskChanges FromPatch(MergePatch patch) =>
        TaskV1.PatchChanges(patch, default) with
        {
            Status = patch.Text("status"),
        };
}

/// <summary>The shape of a v2 task merge patch, for the API document (the handler reads a <see cref="MergePatch"/>).</summary>
public sealed record TaskV2PatchRequest(
    Guid? ProjectId,
    string? Title,
    string? Description,
    string? Status,
    DateTimeOffset? DueAt,
    string? Priority,
    IReadOnlyList<string?>? Tags
);

/// <summary>The v2 body of POST and PUT: every writable field of a task (absent or null means its default).</summary>
public sealed record TaskV2Request(
    Guid? ProjectId,
    string? Title,
    string? Description,
    string? Status,
    DateTimeOffset? DueAt,
    string? Priority,
    IReadOnlyList<string?>? Tags
) : ITaskBody
{
    public TaskChanges ToChanges() =>
        TaskChanges.All(ProjectId, Title, Description, null, DueAt?.ToUniversalTime(), Priority, Tags) with
        {
            Completed = default,
            Status = Optional<string?>.Of(Status),
        };
}

// Init properties, not a positional record: for constructor parameters the Request Delegate
// Generator writes typeof(string?), which does not compile (CS8639).
/// <summary>The query string of <c>GET /api/v2/tasks</c>: v1's, with <c>status</c> in place of <c>completed</c>.</summary>
public sealed record TaskV2ListRequest : ITaskListQuery
{
    [FromQuery(Name = "projectId")]
    public string? ProjectId { get; init; }

    [FromQuery(Name = "status")]
    public string? Status { get; init; }

    [FromQuery(Name = "tag")]
    public string? Tag { get; init; }

    [FromQuery(Name = "priority")]
    public string? Priority { get; init; }

    [FromQuery(Name = "dueBefore")]
    public string? DueBefore { get; init; }

    [FromQuery(Name = "dueAfter")]
    public string? DueAfter { get; init; }

    [FromQuery(Name = "sort")]
    public string? Sort { get; init; }

    [FromQuery(Name = "limit")]
    public string? Limit { get; init; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }

    public Result<(TaskFilter Filter, TaskSort Sort)> Read()
    {
        TaskProgress? status = null;
        if (Status is not null)
        {
            status = TaskProgressNames.FromName(Status);
            if (status is null)
            {
                return Error.Invalid("status", TaskProgressNames.Expected);
            }
        }

        var read = new TaskListRequest
        {
            ProjectId = ProjectId,
            Tag = Tag,
            Priority = Priority,
            DueBefore = DueBefore,
            DueAfter = DueAfter,
            Sort = Sort,
            Limit = Limit,
            Cursor = Cursor,
        }.Read();
        return read.IsSuccess ? (read.Value.Filter with { Status = status }, read.Value.Sort) : read.Error;
    }
}
