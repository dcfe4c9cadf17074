using Taskforge.Application.Auth;
using Taskforge.Application.Common;
using Taskforge.Domain.Users;

namespace Taskforge.Application.Users;

/// <summary>At startup: creates the configured administrator, or promotes the existing account.</summary>
public sealed class BootstrapAdmin(IUserRepository users, RegisterUser register, TimeProvider time)
{
    public async Task<Result<User>> ExecuteAsync(string email, string password, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email, ct);
        if (user is null)
        {
            var registered = await register.ExecuteAsync(new RegisterUserCommand(email, password, "Admin", "Admin"), ct);
            if (!registered.IsSuccess)
            {
                return registered.Error;
            }

            user = registered.Value;
        }

        if (user.Role == Role.Admin)
        {
            return user;
        }

        var previousVersion = user.Version;
        user.ChangeRole(Role.Admin, time.Now());
        return await users.UpdateAsync(user, previousVersion, ct) == WriteOutcome.Written ? user : Error.VersionMismatch;
    }
}
