using Taskforge.Application.Common;
using Taskforge.Application.Projects;
using Taskforge.Domain.Tasks;

namespace Taskforge.Application.Tasks;

/// <summary>Turns a write's changes into a task's new content: field rules first, then the target project.</summary>
internal static class TaskRules
{
    /// <summary>What a new task starts from: every field at its default, and no title (so one is required).</summary>
    public static TaskContent Blank { get; } = new(Guid.Empty, "", null, TaskProgress.Todo, null, Priority.None, []);

    public static async Task<Result<TaskContent>> ApplyAsync(
        TaskChanges changes,
        TaskContent current,
        Guid ownerId,
        IProjectRepository projects,
        CancellationToken ct
    )
    {
        var validator = new Validator();
        var title = changes.Title.Or(current.Title);
        validator.RequiredText("title", title, TaskItem.TitleMaxLength).Storable("title", title);
        var description = changes.Description.Or(current.Description);
        validator
            .Text("description", description, 0, TaskItem.DescriptionMaxLength)
            .Storable("description", description);

        var priority = current.Priority;
        if (changes.Priority.IsPresent)
        {
            var named = changes.Priority.Value is null ? Priority.None : Priorities.FromName(changes.Priority.Value);
            if (named is null)
            {
                validator.Add("priority", Priorities.Expected);
            }

            priority = named ?? priority;
        }

        var status = NewStatus(changes, current.Status, validator);
        var tags = changes.Tags.IsPresent ? CheckTags(changes.Tags.Value ?? [], validator) : current.Tags;
        if (!validator.IsValid)
        {
            return validator.ToError();
        }

        var projectId = await TargetProjectAsync(changes.ProjectId, current.ProjectId, ownerId, projects, ct);
        if (projectId is null)
        {
            return ProjectErrors.NotFound;
        }

        return new TaskContent(
            projectId.Value,
            title!,
            description,
            status,
            changes.DueAt.IsPresent ? changes.DueAt.Value : current.DueAt,
            priority,
            tags
        );
    }

    // v1's completed: false reopens a done task to todo but leaves an inProgress one in progress.
    private static TaskProgress NewStatus(TaskChanges changes, TaskProgress current, Validator validator)
    {
        if (changes.Status.IsPresent)
        {
            var named = changes.Status.Value is null
                ? TaskProgress.Todo
                : TaskProgressNames.FromName(changes.Status.Value);
            if (named is null)
            {
                validator.Add("status", TaskProgressNames.Expected);
            }

            return named ?? current;
        }

        if (!changes.Completed.IsPresent)
        {
            return current;
        }

        return changes.Completed.Value == true ? TaskProgress.Done
            : current == TaskProgress.InProgress ? TaskProgress.InProgress
            : TaskProgress.Todo;
    }

    private static IReadOnlyList<string> CheckTags(IReadOnlyList<string?> tags, Validator validator)
    {
        if (tags.Any(tag => tag is null))
        {
            validator.Add("tags", "must not contain null.");
            return [];
        }

        if (!tags.All(StoredText.IsStorable))
        {
            validator.Add("tags", StoredText.NulMessage);
        }

        var normalized = TaskTags.Normalize(tags!);
        if (normalized.Count > TaskTags.MaxCount)
        {
            validator.Add("tags", $"must hold at most {TaskTags.MaxCount} distinct tags.");
        }

        if (normalized.Any(tag => tag.Length is 0 or > TaskTags.MaxLength))
        {
            validator.Add("tags", $"must each be 1 to {TaskTags.MaxLength} characters (after trimming).");
        }

        return normalized;
    }

    // Null (or none yet) means the owner's Inbox. A named project is not looked up here: the
    // write holds it (a create through IProjectRepository.HoldAsync, a patch in its UPDATE),
    // which is also the check that it is one of the owner's live projects.
    private static async Task<Guid?> TargetProjectAsync(
        Optional<Guid?> requested,
        Guid current,
        Guid ownerId,
        IProjectRepository projects,
        CancellationToken ct
    )
    {
        if (!requested.IsPresent && current != Guid.Empty)
        {
            return current;
        }

        return requested.Value ?? await projects.FindDefaultIdAsync(ownerId, ct);
    }
}
