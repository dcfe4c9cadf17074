using Taskforge.Application.Common;
using Taskforge.Application.Events;
using Taskforge.Application.Tasks;
using Taskforge.Domain.Events;

namespace Taskforge.Application.Projects;

/// <summary>Soft-deletes a project and, in the same transaction, its tasks. The Inbox stays.</summary>
public sealed class DeleteProject(
    IProjectRepository projects,
    ITaskRepository tasks,
    IUnitOfWork unitOfWork,
    IEventOutbox outbox,
    ITaskHistory history,
    TimeProvider time
)
{
    public async Task<Result<Done>> ExecuteAsync(Guid ownerId, Guid id, long? expectedVersion, CancellationToken ct)
    {
        var project = await projects.FindAsync(ownerId, id, ct);
        if (project is null)
        {
            return ProjectErrors.NotFound;
        }

        if (project.IsDefault)
        {
            return ProjectErrors.DefaultCannotBeDeleted;
        }

        if (expectedVersion is { } expected && expected != project.Version)
        {
            return Error.VersionMismatch;
        }

        // The write repeats the version check, so a change that lands after the read still loses.
        var previousVersion = project.Version;
        var now = time.Now();
        project.MarkDeleted(now);

        await using var transaction = await unitOfWork.BeginAsync(ct);
        if (await projects.UpdateAsync(project, previousVersion, ct) != WriteOutcome.Written)
        {
            return Error.VersionMismatch;
        }

        var deletedTasks = await tasks.DeleteAllInProjectAsync(ownerId, project.Id, now, ct);
        await history.RecordAsync(
            deletedTasks
                .Select(taskId => TaskHistoryEntry.For(ownerId, taskId, ownerId, now, TaskDiff.ForDeleted()))
                .ToList(),
            ct
        );
        var events = new List<DomainEvent>(deletedTasks.Count + 1)
        {
            DomainEvent.Deleted(EventTypes.ProjectDeleted, ownerId, project.Id, now),
        };
        events.AddRange(
            deletedTasks.Select(taskId => DomainEvent.Deleted(EventTypes.TaskDeleted, ownerId, taskId, now))
        );
        await outbox.RecordAsync(events, ct);
        await transaction.CommitAsync(ct);
        return Done.Value;
    }
}
