using Taskforge.Application.Common;

namespace Taskforge.Application.Tasks;

public static class TaskErrors
{
    public static Error NotFound { get; } = Error.NotFound("task");
}
