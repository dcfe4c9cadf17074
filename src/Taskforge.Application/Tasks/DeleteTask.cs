using Taskforge.Application.Common;

namespace Taskforge.Application.Tasks;

public sealed class DeleteTask(ITaskRepository tasks, TimeProvider time)
{
    public async Task<Result<Done>> ExecuteAsync(Guid ownerId, Guid id, long? expectedVersion, CancellationToken ct)
    {
        if (await tasks.DeleteAsync(ownerId, id, expectedVersion, time.Now(), ct))
        {
            return Done.Value;
        }

        // Nothing was written; only now find out why, for the right status.
        return expectedVersion is not null && await tasks.FindAsync(ownerId, id, ct) is not null
            ? Error.VersionMismatch
            : TaskErrors.NotFound;
    }
}
