using Taskforge.Application.Common;
using Taskforge.Application.Tasks;
using Taskforge.Domain.Tasks;
using Taskforge.Infrastructure.Persistence;

namespace Taskforge.Infrastructure.Caching;

/// <summary>
/// Single tasks read through <see cref="ScopedCache"/>, one scope per owner (list pages are kept
/// in the same scope as the bytes sent, by <see cref="RenderedPages"/>).
/// Every write to an owner's tasks invalidates the scope once its transaction commits. The
/// cache holds immutable records; each read builds fresh tasks, since use cases change them.
/// </summary>
public sealed class CachedTaskRepository(TaskRepository tasks, ScopedCache cache, DbSession db) : ITaskRepository
{
    public static string Scope(Guid ownerId) => "tasks:" + ownerId.ToString("N");

    public async Task<TaskItem?> FindAsync(Guid ownerId, Guid id, CancellationToken ct)
    {
        var cached = await cache.GetOrLoadAsync(
            Scope(ownerId),
            "task:" + id.ToString("N"),
            CacheJson.Default.CachedTask,
            async () => await tasks.FindAsync(ownerId, id, ct) is { } task ? CachedTask.Of(task) : null
        );
        return cached?.ToTask();
    }

    public Task<TaskItem?> FindCurrentAsync(Guid ownerId, Guid id, CancellationToken ct) =>
        tasks.FindAsync(ownerId, id, ct);

    // Not cached here: the one reader of lists, the list endpoint, keeps each page as the bytes it
    // sent (RenderedPages, in this same scope), so a page cached here too would be held twice.
    public Task<IReadOnlyList<TaskItem>> ListAsync(TaskListQuery query, CancellationToken ct) =>
        tasks.ListAsync(query, ct);

    public async Task AddAsync(TaskItem task, CancellationToken ct)
    {
        await tasks.AddAsync(task, ct);
        await InvalidateAsync(task.OwnerId);
    }

    // The invalidation waits for the commit, and a transaction that does not commit runs none.
    public async Task UpdateAsync(TaskItem task, TaskContent before, long expectedVersion, CancellationToken ct)
    {
        await tasks.UpdateAsync(task, before, expectedVersion, ct);
        await InvalidateAsync(task.OwnerId);
    }

    public async Task<bool> DeleteAsync(
        Guid ownerId,
        Guid id,
        long? expectedVersion,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var deleted = await tasks.DeleteAsync(ownerId, id, expectedVersion, now, ct);
        if (deleted)
        {
            await InvalidateAsync(ownerId);
        }

        return deleted;
    }

    public async Task<IReadOnlyList<Guid>> DeleteAllInProjectAsync(
        Guid ownerId,
        Guid projectId,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var deleted = await tasks.DeleteAllInProjectAsync(ownerId, projectId, now, ct);
        await InvalidateAsync(ownerId);
        return deleted;
    }

    private Task InvalidateAsync(Guid ownerId) => db.AfterCommitAsync(() => cache.InvalidateAsync(Scope(ownerId)));
}

public sealed record CachedTask(TaskRecord Record, IReadOnlyList<string> Tags)
{
    public static CachedTask Of(TaskItem task) => new(task.ToRecord(), task.Tags);

    public TaskItem ToTask() => TaskItem.Restore(Record, Tags);
}
