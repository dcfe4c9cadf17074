using Taskforge.Domain.Tasks;

namespace Taskforge.Application.Jobs;

public interface IDueTasks
{
    /// <summary>
    /// Inside a transaction: up to <paramref name="take"/> live, open tasks due at or before
    /// <paramref name="now"/> whose due time has not fired yet, marked as fired (until their due
    /// time changes). Concurrent callers never take the same task.
    /// </summary>
    Task<IReadOnlyList<TaskItem>> TakeDueAsync(DateTimeOffset now, int take, CancellationToken ct);
}
