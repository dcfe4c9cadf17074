using Taskforge.Application.Auth;
using Taskforge.Application.Common;
using Taskforge.Domain.Users;

namespace Taskforge.Application.Users;

/// <summary>
/// At startup: creates the configured administrator, or promotes the existing account; instances
/// that start together may race for it, and the losers promote what the winner made.
/// </summary>
public sealed class BootstrapAdmin(IUserRepository users, RegisterUser register, TimeProvider time)
{
    public Task<Result<User>> ExecuteAsync(string email, string password, CancellationToken ct) =>
        OptimisticConcurrency.RetryAsync(expectedVersion: null, () => TryAsync(email, password, ct));

    private async Task<Result<User>> TryAsync(string email, string password, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email, ct);
        if (user is null)
        {
            var registered = await register.ExecuteAsync(
                new RegisterUserCommand(email, password, "Admin", "Admin"),
                ct
            );
            if (!registered.IsSuccess)
            {
                // Taken since the lookup: another instance starting at the same moment created it, so promote that one.
                return registered.Error.Kind == ErrorKind.Conflict ? Error.VersionMismatch : registered.Error;
            }

            user = registered.Value;
        }

        if (user.Role == Role.Admin)
        {
            return user;
        }

        var previousVersion = user.Version;
        user.ChangeRole(Role.Admin, time.Now());
        return await users.UpdateAsync(user, previousVersion, ct) == WriteOutcome.Written
            ? user
            : Error.VersionMismatch;
    }
}
