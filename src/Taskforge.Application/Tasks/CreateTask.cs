using Taskforge.Application.Common;
using Taskforge.Application.Events;
using Taskforge.Application.Projects;
using Taskforge.Domain.Events;
using Taskforge.Domain.Tasks;

namespace Taskforge.Application.Tasks;

public sealed class CreateTask(
    ITaskRepository tasks,
    IProjectRepository projects,
    IUnitOfWork unitOfWork,
    IEventOutbox outbox,
    ITaskHistory history,
    TimeProvider time
)
{
    public async Task<Result<TaskItem>> ExecuteAsync(Guid ownerId, TaskChanges fields, CancellationToken ct)
    {
        var content = await TaskRules.ApplyAsync(fields, TaskRules.Blank, ownerId, projects, ct);
        if (!content.IsSuccess)
        {
            return content.Error;
        }

        var task = new TaskItem(ownerId, content.Value, time.Now());

        // Built before the transaction, history diff and event data alike: on SQLite the
        // transaction is a turn of the one writer, which every other write waits for.
        var created = TaskHistoryEntry.For(ownerId, task.Id, ownerId, task.CreatedAt, TaskDiff.ForCreated(task));
        var createdEvent = DomainEvent.ForTask(EventTypes.TaskCreated, task, task.CreatedAt);

        // The task row and its tag rows appear together or not at all, and never in a project
        // deleted meanwhile: the hold is a requirement of the transaction, decided when it commits
        // (on PostgreSQL, in the one command that also carries the writes and the COMMIT).
        await using var transaction = await unitOfWork.BeginAsync(ct);
        await projects.HoldAsync(ownerId, task.ProjectId, ct);
        await tasks.AddAsync(task, ct);
        await history.RecordAsync([created], ct);
        await outbox.RecordAsync(createdEvent, ct);
        return await transaction.TryCommitAsync(ct) == WriteOutcome.Written ? task : ProjectErrors.NotFound;
    }
}
