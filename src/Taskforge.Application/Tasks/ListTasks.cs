using Taskforge.Application.Common;
using Taskforge.Domain.Tasks;

namespace Taskforge.Application.Tasks;

public sealed class ListTasks(ITaskRepository tasks)
{
    public async Task<Result<Page<TaskItem, TaskListKey>>> ExecuteAsync(
        Guid ownerId,
        TaskFilter filter,
        TaskSort sort,
        int limit,
        TaskListKey? after,
        CancellationToken ct
    )
    {
        if (after is not null && !after.Fits(sort))
        {
            return Error.Invalid("cursor", "was issued for another sort order.");
        }

        var rows = await tasks.ListAsync(new TaskListQuery(ownerId, filter, sort, after, limit + 1), ct);
        return Paging.Cut(rows, limit, task => TaskListKey.For(task, sort));
    }
}
