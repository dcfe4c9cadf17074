using Taskforge.Application.Common;

namespace Taskforge.Application.Tasks;

/// <summary>A task's history, newest first; the owner still reads it after the task is deleted.</summary>
public sealed class ListTaskHistory(ITaskHistory history)
{
    public async Task<Result<Page<TaskHistoryEntry, TaskHistoryKey>>> ExecuteAsync(
        Guid ownerId,
        Guid taskId,
        int limit,
        TaskHistoryKey? after,
        CancellationToken ct
    )
    {
        if (!await history.IsKnownAsync(ownerId, taskId, ct))
        {
            return TaskErrors.NotFound;
        }

        var rows = await history.ListAsync(ownerId, taskId, after, limit + 1, ct);
        return Paging.Cut(rows, limit, entry => new TaskHistoryKey(entry.Sequence));
    }
}
