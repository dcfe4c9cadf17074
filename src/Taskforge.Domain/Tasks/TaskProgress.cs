namespace Taskforge.Domain.Tasks;

/// <summary>
/// Where a task stands (v2's <c>status</c>). v1's <c>completed</c> is <see cref="Done"/> seen as
/// a flag. (Not named TaskStatus, which System.Threading.Tasks already takes.)
/// </summary>
public enum TaskProgress
{
    Todo,
    InProgress,
    Done,
}

public static class TaskProgressNames
{
    public const string Expected = "must be one of todo, inProgress, done.";

    public static string ToName(TaskProgress progress) =>
        progress switch
        {
            TaskProgress.InProgress => "inProgress",
            TaskProgress.Done => "done",
            _ => "todo",
        };

    public static TaskProgress? FromName(string? name) =>
        name switch
        {
            "todo" => TaskProgress.Todo,
            "inProgress" => TaskProgress.InProgress,
            "done" => TaskProgress.Done,
            _ => null,
        };
}
