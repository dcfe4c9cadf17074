using Taskforge.Application.Common;
using Taskforge.Domain.Tasks;

namespace Taskforge.Application.Tasks;

/// <summary>Tasks, always seen through their owner: another user's task is simply not found.</summary>
public interface ITaskRepository
{
    Task AddAsync(TaskItem task, CancellationToken ct);

    Task<TaskItem?> FindAsync(Guid ownerId, Guid id, CancellationToken ct);

    /// <summary>The stored task as it is now, never a cached copy: for a read about to be written back.</summary>
    Task<TaskItem?> FindCurrentAsync(Guid ownerId, Guid id, CancellationToken ct);

    /// <summary>Up to <see cref="TaskListQuery.Take"/> tasks in the query's order, starting after its key.</summary>
    Task<IReadOnlyList<TaskItem>> ListAsync(TaskListQuery query, CancellationToken ct);

    /// <summary>
    /// Writes the task in the current transaction, which commits only if the stored version is
    /// still <paramref name="expectedVersion"/>: otherwise its
    /// <see cref="ITransaction.TryCommitAsync"/> answers <see cref="WriteOutcome.VersionMismatch"/>
    /// and nothing is written. <paramref name="before"/> is the task's content as read: what did
    /// not change from it (its tags, its searchable text) is not written again.
    /// </summary>
    Task UpdateAsync(TaskItem task, TaskContent before, long expectedVersion, CancellationToken ct);

    /// <summary>Soft-deletes in one conditional statement; false when no live task matched (absent, or another version).</summary>
    Task<bool> DeleteAsync(Guid ownerId, Guid id, long? expectedVersion, DateTimeOffset now, CancellationToken ct);

    /// <summary>Soft-deletes the project's live tasks; answers their ids.</summary>
    Task<IReadOnlyList<Guid>> DeleteAllInProjectAsync(
        Guid ownerId,
        Guid projectId,
        DateTimeOffset now,
        CancellationToken ct
    );
}
