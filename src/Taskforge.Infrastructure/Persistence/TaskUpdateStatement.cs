using System.Text;
using Dapper;
using Taskforge.Domain.Tasks;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// The UPDATE for a changed task, setting only the columns that changed. SQLite rewrites every
/// index whose columns (or whose partial-index condition) appear in SET, changed or not: the
/// statement that set all thirteen columns rewrote all six task indexes, about 100 µs of the
/// writer's turn, where a patch of one field needs one or none. Six flags make at most 64 texts,
/// built once, so each stays a prepared statement on both databases.
/// </summary>
internal static class TaskUpdateStatement
{
    [Flags]
    private enum Changed
    {
        None = 0,
        Project = 1,
        Title = 2,
        Description = 4,
        Status = 8,
        Due = 16,
        Priority = 32,
    }

    private const int Shapes = 64;

    // What each change sets; declared before Texts, which is built from it. A new due date
    // re-arms the due reminder. deleted_at is never set here, which keeps every partial index's
    // condition out of SET.
    private static readonly (Changed Change, string Set)[] Sets =
    [
        (Changed.Project, "project_id = @ProjectId"),
        (Changed.Title, "title = @Title"),
        (Changed.Description, "description = @Description"),
        (Changed.Status, "status = @Status, completed = @Completed, completed_at = @CompletedAt"),
        (Changed.Due, "due_at = @DueAt, due_fired_at = NULL"),
        (Changed.Priority, "priority = @Priority"),
    ];

    private static readonly string[] Texts = Enumerable.Range(0, Shapes).Select(i => Text((Changed)i)).ToArray();

    /// <summary>Every shape of the statement, for the tests that explain its plans.</summary>
    internal static IReadOnlyList<string> AllTexts => Texts;

    public static (string Sql, DynamicParameters Parameters) For(
        TaskItem task,
        TaskContent before,
        long expectedVersion
    )
    {
        var changed = Between(before, task);
        var parameters = new DynamicParameters();
        parameters.Add("Id", task.Id);
        parameters.Add("OwnerId", task.OwnerId);
        parameters.Add("ExpectedVersion", expectedVersion);
        parameters.Add("UpdatedAt", task.UpdatedAt);
        parameters.Add("Version", task.Version);
        if (changed.HasFlag(Changed.Project))
        {
            parameters.Add("ProjectId", task.ProjectId);
        }

        if (changed.HasFlag(Changed.Title))
        {
            parameters.Add("Title", task.Title);
        }

        if (changed.HasFlag(Changed.Description))
        {
            parameters.Add("Description", task.Description);
        }

        if (changed.HasFlag(Changed.Status))
        {
            parameters.Add("Status", TaskProgressNames.ToName(task.Status));
            parameters.Add("Completed", task.Completed);
            parameters.Add("CompletedAt", task.CompletedAt);
        }

        if (changed.HasFlag(Changed.Due))
        {
            parameters.Add("DueAt", task.DueAt);
        }

        if (changed.HasFlag(Changed.Priority))
        {
            parameters.Add("Priority", (short)task.Priority);
        }

        return (Texts[(int)changed], parameters);
    }

    // completedAt moves only with the status (TaskItem stamps it on becoming done and clears it
    // on leaving done), so it rides with the status columns.
    private static Changed Between(TaskContent before, TaskItem task)
    {
        var changed = Changed.None;
        if (task.ProjectId != before.ProjectId)
        {
            changed |= Changed.Project;
        }

        if (!string.Equals(task.Title, before.Title, StringComparison.Ordinal))
        {
            changed |= Changed.Title;
        }

        if (!string.Equals(task.Description, before.Description, StringComparison.Ordinal))
        {
            changed |= Changed.Description;
        }

        if (task.Status != before.Status)
        {
            changed |= Changed.Status;
        }

        if (task.DueAt != before.DueAt)
        {
            changed |= Changed.Due;
        }

        if (task.Priority != before.Priority)
        {
            changed |= Changed.Priority;
        }

        return changed;
    }

    private static string Text(Changed changed)
    {
        var sql = new StringBuilder("UPDATE tasks SET updated_at = @UpdatedAt, version = @Version");
        foreach (var (change, set) in Sets)
        {
            if (changed.HasFlag(change))
            {
                sql.Append(", ").Append(set);
            }
        }

        // No "deleted_at IS NULL": every soft delete bumps the version, so the version check
        // already refuses a task deleted since it was read, and that condition would let
        // PostgreSQL without statistics find the row through the owner's partial indexes.
        sql.Append(" WHERE id = @Id AND owner_id = @OwnerId AND version = @ExpectedVersion");
        return sql.ToString();
    }
}
