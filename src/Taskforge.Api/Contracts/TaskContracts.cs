using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Taskforge.Api.Http;
using Taskforge.Application.Common;
using Taskforge.Application.Tasks;
using Taskforge.Domain.Tasks;

namespace Taskforge.Api.Contracts;

/// <summary>The body of POST and PUT: every writable field of a task (absent or null means its default).</summary>
public sealed record TaskRequest(
    Guid? ProjectId,
    string? Title,
    string? Description,
    bool? Completed,
    DateTimeOffset? DueAt,
    string? Priority,
    IReadOnlyList<string?>? Tags
) : ITaskBody
{
    public TaskChanges ToChanges() =>
        TaskChanges.All(ProjectId, Title, Description, Completed, DueAt?.ToUniversalTime(), Priority, Tags);
}

/// <summary>The shape of a v1 task merge patch, for the API document (the handler reads a <see cref="MergePatch"/>).</summary>
public sealed record TaskPatchRequest(
    Guid? ProjectId,
    string? Title,
    string? Description,
    bool? Completed,
    DateTimeOffset? DueAt,
    string? Priority,
    IReadOnlyList<string?>? Tags
);

// Init properties, not a positional record: for constructor parameters the Request Delegate
// Generator writes typeof(string?), which does not compile (CS8639).
/// <summary>The query string of <c>GET /api/v1/tasks</c>, read as text so that every bad value becomes a field error.</summary>
public sealed record TaskListRequest : ITaskListQuery
{
    [FromQuery(Name = "projectId")]
    public string? ProjectId { get; init; }

    [FromQuery(Name = "completed")]
    public string? Completed { get; init; }

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
        var validator = new Validator();
        Guid? projectId = null;
        if (ProjectId is not null)
        {
            projectId = Guid.TryParse(ProjectId, out var id)
                ? id
                : Invalid<Guid>(validator, "projectId", "must be a project id (a UUID).");
        }

        bool? completed = Completed switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => Invalid<bool>(validator, "completed", "must be true or false."),
        };

        Priority? priority = null;
        if (Priority is not null)
        {
            priority = Priorities.FromName(Priority) ?? Invalid<Priority>(validator, "priority", Priorities.Expected);
        }

        var tag = Tag?.Trim();
        if (tag is { Length: 0 or > TaskTags.MaxLength })
        {
            validator.Add("tag", $"must be 1 to {TaskTags.MaxLength} characters.");
        }

        validator.Storable("tag", tag);

        var sort = TaskSort.Parse(Sort);
        if (sort is null)
        {
            validator.Add(
                "sort",
                $"must be one of {string.Join(", ", TaskSort.Names)}, optionally with a leading '-'."
            );
        }

        var filter = new TaskFilter(
            projectId,
            completed,
            tag,
            priority,
            Instant(validator, "dueBefore", DueBefore),
            Instant(validator, "dueAfter", DueAfter)
        );
        return validator.IsValid ? (filter, sort!) : validator.ToError();
    }

    private static DateTimeOffset? Instant(Validator validator, string field, string? text)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : Invalid<DateTimeOffset>(validator, field, "must be an ISO 8601 date and time.");
    }

    private static T? Invalid<T>(Validator validator, string field, string message)
        where T : struct
    {
        validator.Add(field, message);
        return null;
    }
}

/// <summary>One entry of <c>GET /api/v1/tasks/{id}/history</c>.</summary>
public sealed record TaskHistoryResponse(Guid Id, DateTime OccurredAt, Guid ActorId, string Type, JsonElement Changes)
{
    public static TaskHistoryResponse From(TaskHistoryEntry entry)
    {
        using var changes = JsonDocument.Parse(entry.Changes);
        return new(entry.Id, entry.OccurredAt.UtcDateTime, entry.ActorId, entry.Type, changes.RootElement.Clone());
    }
}

/// <summary>How one API version shows a task and reads a merge patch of it.</summary>
public interface ITaskRepresentation<TSelf>
{
    static abstract TSelf From(TaskItem task);

    static abstract TaskChanges FromPatch(MergePatch patch);
}

/// <summary>A version's body of POST and PUT.</summary>
public interface ITaskBody
{
    TaskChanges ToChanges();
}

/// <summary>A version's query string of the task list.</summary>
public interface ITaskListQuery
{
    string? Limit { get; }

    string? Cursor { get; }

    Result<(TaskFilter Filter, TaskSort Sort)> Read();
}

/// <summary>v1's task: <see cref="TaskResponse"/> (also the data of events) with <c>completed</c>.</summary>
public sealed class TaskV1 : ITaskRepresentation<TaskResponse>
{
    public static TaskResponse From(TaskItem task) => TaskResponse.From(task);

    public static TaskChanges FromPatch(MergePatch patch) => PatchChanges(patch, patch.Flag("completed"));

    /// <summary>The fields both versions patch alike; <paramref name="completed"/> is v1's alone.</summary>
    public static TaskChanges PatchChanges(MergePatch patch, Optional<bool?> completed)
    {
        var tags = patch.TextList("tags");
        return new TaskChanges(
            patch.Id("projectId"),
            patch.Text("title"),
            patch.Text("description"),
            completed,
            patch.Instant("dueAt"),
            patch.Text("priority"),
            tags.IsPresent ? Optional<IReadOnlyList<string?>?>.Of(tags.Value) : default
        );
    }
}
