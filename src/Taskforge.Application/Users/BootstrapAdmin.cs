using Taskforge.Application.Auth;
using Taskforge.Application.Common;
using Taskforge.Domain.Users;

namespace Taskforge.Application.Users;

/// <summary>What the bootstrap did with the configured administrator account.</summary>
public enum BootstrapOutcome
{
    Created,
    Promoted,
    AlreadyAdmin,

    /// <summary>An account has the email but not the configured password: it stays as it is.</summary>
    PasswordMismatch,
}

/// <summary>
/// At startup: creates the configured administrator, or promotes the existing account if the
/// configured password is its password (whoever registered the email first must not become an
/// administrator by it). Instances that start together may race for it; the losers look again.
/// </summary>
public sealed class BootstrapAdmin(
    IUserRepository users,
    RegisterUser register,
    IPasswordHasher hasher,
    TimeProvider time
)
{
    public Task<Result<BootstrapOutcome>> ExecuteAsync(string email, string password, CancellationToken ct) =>
        OptimisticConcurrency.RetryAsync(expectedVersion: null, () => TryAsync(email, password, ct));

    private async Task<Result<BootstrapOutcome>> TryAsync(string email, string password, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email, ct);
        if (user is null)
        {
            var registered = await register.ExecuteAsync(
                new RegisterUserCommand(email, password, "Admin", "Admin"),
                Role.Admin,
                ct
            );
            if (registered.IsSuccess)
            {
                return BootstrapOutcome.Created;
            }

            // Taken since the lookup: another instance starting at the same moment created it, so look again.
            return registered.Error.Kind == ErrorKind.Conflict ? Error.VersionMismatch : registered.Error;
        }

        if (user.Role == Role.Admin)
        {
            return BootstrapOutcome.AlreadyAdmin;
        }

        if (hasher.Verify(user.PasswordHash, password) == PasswordCheck.Failed)
        {
            return BootstrapOutcome.PasswordMismatch;
        }

        var previousVersion = user.Version;
        user.ChangeRole(Role.Admin, time.Now());
        return await users.UpdateAsync(user, previousVersion, ct) == WriteOutcome.Written
            ? BootstrapOutcome.Promoted
            : Error.VersionMismatch;
    }
}
