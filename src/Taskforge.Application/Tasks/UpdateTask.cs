using Taskforge.Application.Common;
using Taskforge.Application.Events;
using Taskforge.Application.Projects;
using Taskforge.Domain.Events;
using Taskforge.Domain.Tasks;

namespace Taskforge.Application.Tasks;

/// <summary>A PUT (every field named) or a merge patch (some fields named) of one of the caller's tasks.</summary>
public sealed class UpdateTask(
    ITaskRepository tasks,
    IProjectRepository projects,
    IUnitOfWork unitOfWork,
    IEventOutbox outbox,
    ITaskHistory history,
    TimeProvider time
)
{
    public Task<Result<TaskItem>> ExecuteAsync(
        Guid ownerId,
        Guid id,
        TaskChanges changes,
        long? expectedVersion,
        CancellationToken ct
    ) =>
        OptimisticConcurrency.RetryAsync(
            expectedVersion,
            () => AttemptAsync(ownerId, id, changes, expectedVersion, ct)
        );

    private async Task<Result<TaskItem>> AttemptAsync(
        Guid ownerId,
        Guid id,
        TaskChanges changes,
        long? expectedVersion,
        CancellationToken ct
    )
    {
        // The read is the first statement of the write's transaction, so a store that takes its
        // writers in turns reads where it writes, warm, with no write between the two (docs/performance.md's
        // Writes section has the figures). The update still checks the version it read.
        await using var transaction = await unitOfWork.BeginAsync(ct);
        var task = await tasks.FindCurrentAsync(ownerId, id, ct);
        if (task is null)
        {
            return TaskErrors.NotFound;
        }

        if (expectedVersion is { } expected && expected != task.Version)
        {
            return Error.VersionMismatch;
        }

        var content = await TaskRules.ApplyAsync(changes, task.Content, ownerId, projects, ct);
        if (!content.IsSuccess)
        {
            return content.Error;
        }

        // The write repeats the version check, so a change that lands after the read still loses.
        var previousVersion = task.Version;
        var previousContent = task.Content;
        var before = TaskSnapshot.Of(task);
        task.Change(content.Value, time.Now());

        // The project's hold and the version check are requirements of the transaction, decided
        // when it commits: on PostgreSQL they go out with the writes and the COMMIT in one command.
        await projects.HoldAsync(ownerId, task.ProjectId, ct);
        await tasks.UpdateAsync(task, previousContent, previousVersion, ct);

        var diff = TaskDiff.Between(before, task);
        if (!diff.IsEmpty)
        {
            await history.RecordAsync([TaskHistoryEntry.For(ownerId, task.Id, ownerId, task.UpdatedAt, diff)], ct);
        }

        var type = task.Completed && !before.Completed ? EventTypes.TaskCompleted : EventTypes.TaskUpdated;
        await outbox.RecordAsync(DomainEvent.ForTask(type, task, task.UpdatedAt), ct);
        return await transaction.TryCommitAsync(ct) switch
        {
            WriteOutcome.Written => task,
            WriteOutcome.Refused => ProjectErrors.NotFound,
            _ => Error.VersionMismatch,
        };
    }
}
