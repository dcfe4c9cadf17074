using Taskforge.Application.Common;
using Taskforge.Application.Events;
using Taskforge.Domain.Events;

namespace Taskforge.Application.Tasks;

public sealed class DeleteTask(
    ITaskRepository tasks,
    IUnitOfWork unitOfWork,
    IEventOutbox outbox,
    ITaskHistory history,
    TimeProvider time
)
{
    public async Task<Result<Done>> ExecuteAsync(Guid ownerId, Guid id, long? expectedVersion, CancellationToken ct)
    {
        var now = time.Now();
        await using (var transaction = await unitOfWork.BeginAsync(ct))
        {
            if (await tasks.DeleteAsync(ownerId, id, expectedVersion, now, ct))
            {
                await history.RecordAsync([TaskHistoryEntry.For(ownerId, id, ownerId, now, TaskDiff.ForDeleted())], ct);
                await outbox.RecordAsync(DomainEvent.Deleted(EventTypes.TaskDeleted, ownerId, id, now), ct);
                await transaction.CommitAsync(ct);
                return Done.Value;
            }
        }

        // Nothing was written; only now find out why, for the right status.
        return expectedVersion is not null && await tasks.FindAsync(ownerId, id, ct) is not null
            ? Error.VersionMismatch
            : TaskErrors.NotFound;
    }
}
