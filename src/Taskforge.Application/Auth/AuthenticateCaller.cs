using Taskforge.Application.Users;
using Taskforge.Domain.Users;

namespace Taskforge.Application.Auth;

public sealed record Caller(Guid UserId, Role Role)
{
    public bool IsAdmin => Role == Role.Admin;
}

/// <summary>
/// Turns a bearer token into a caller. Beyond the signature it checks, with one primary-key
/// lookup, that the account still exists and the token predates no password change.
/// </summary>
public sealed class AuthenticateCaller(IAccessTokens accessTokens, IUserRepository users)
{
    public async Task<Caller?> ExecuteAsync(string token, CancellationToken ct)
    {
        var claims = await accessTokens.ValidateAsync(token);
        if (claims is null)
        {
            return null;
        }

        var access = await users.GetAccessAsync(claims.UserId, ct);
        return access is not null && access.SecurityStamp == claims.SecurityStamp
            ? new Caller(claims.UserId, access.Role)
            : null;
    }
}
