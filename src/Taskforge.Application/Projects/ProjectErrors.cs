using Taskforge.Application.Common;

namespace Taskforge.Application.Projects;

public static class ProjectErrors
{
    public static Error NotFound { get; } = Error.NotFound("project");

    public static Error DefaultCannotBeDeleted { get; } =
        Error.Conflict("The default project (Inbox) cannot be deleted.");
}
