using Taskforge.Application.Common;

namespace Taskforge.Application.Users;

internal static class UserErrors
{
    public static Error NotFound { get; } = Error.NotFound("user");

    public static Error EmailTaken { get; } = Error.Conflict("An account with this email already exists.");

    public static Error LastAdmin { get; } =
        Error.Conflict(
            "This is the last administrator: it cannot lose the role or be deleted until another account is an administrator."
        );
}
