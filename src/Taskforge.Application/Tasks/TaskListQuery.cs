using Taskforge.Domain.Tasks;

namespace Taskforge.Application.Tasks;

public enum TaskSortField
{
    CreatedAt,
    DueAt,
    Priority,
    Title,
}

/// <summary>A list order: a field, ascending or descending, with the id as tie-breaker in the same direction.</summary>
public sealed record TaskSort(TaskSortField Field, bool Descending)
{
    public static TaskSort Default { get; } = new(TaskSortField.CreatedAt, Descending: true);

    private static readonly Dictionary<string, TaskSortField> Fields = new(StringComparer.Ordinal)
    {
        ["createdAt"] = TaskSortField.CreatedAt,
        ["dueAt"] = TaskSortField.DueAt,
        ["priority"] = TaskSortField.Priority,
        ["title"] = TaskSortField.Title,
    };

    public static IEnumerable<string> Names => Fields.Keys;

    /// <summary>The wire name: "createdAt", or "-createdAt" for descending.</summary>
    public string Name => (Descending ? "-" : "") + Fields.First(f => f.Value == Field).Key;

    public static TaskSort? Parse(string? name)
    {
        if (name is null)
        {
            return Default;
        }

        var descending = name.StartsWith('-');
        return Fields.TryGetValue(descending ? name[1..] : name, out var field)
            ? new TaskSort(field, descending)
            : null;
    }
}

/// <summary>Filters of the task list; a null member does not filter.</summary>
public sealed record TaskFilter(
    Guid? ProjectId,
    bool? Completed,
    string? Tag,
    Priority? Priority,
    DateTimeOffset? DueBefore,
    DateTimeOffset? DueAfter
)
{
    /// <summary>v2's filter; v1 filters by <see cref="Completed"/>.</summary>
    public TaskProgress? Status { get; init; }
}

/// <summary>
/// A keyset position: the sort it belongs to, the last row's sort value and its id. For dueAt a
/// null <see cref="Time"/> means the position is among the tasks without a due date (listed last).
/// </summary>
public sealed record TaskListKey(string Sort, Guid Id, DateTimeOffset? Time, Priority? Priority, string? Title)
{
    public static TaskListKey For(TaskItem task, TaskSort sort) =>
        sort.Field switch
        {
            TaskSortField.CreatedAt => new TaskListKey(sort.Name, task.Id, task.CreatedAt, null, null),
            TaskSortField.DueAt => new TaskListKey(sort.Name, task.Id, task.DueAt, null, null),
            TaskSortField.Priority => new TaskListKey(sort.Name, task.Id, null, task.Priority, null),
            _ => new TaskListKey(sort.Name, task.Id, null, null, task.Title),
        };

    public bool Fits(TaskSort sort) =>
        string.Equals(Sort, sort.Name, StringComparison.Ordinal)
        && sort.Field switch
        {
            TaskSortField.CreatedAt => Time is not null,
            TaskSortField.DueAt => true,
            TaskSortField.Priority => Priority is not null,
            _ => Title is not null,
        };
}

public sealed record TaskListQuery(Guid OwnerId, TaskFilter Filter, TaskSort Sort, TaskListKey? After, int Take);
