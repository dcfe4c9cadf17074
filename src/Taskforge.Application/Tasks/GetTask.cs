using Taskforge.Application.Common;
using Taskforge.Domain.Tasks;

namespace Taskforge.Application.Tasks;

public sealed class GetTask(ITaskRepository tasks)
{
    public async Task<Result<TaskItem>> ExecuteAsync(Guid ownerId, Guid id, CancellationToken ct) =>
        await tasks.FindAsync(ownerId, id, ct) is { } task ? task : TaskErrors.NotFound;
}
