using Taskforge.Domain.Users;

namespace Taskforge.Application.Auth;

/// <summary>Issues and validates the signed, short-lived access tokens (JWT).</summary>
public interface IAccessTokens
{
    AccessToken Issue(User user, DateTimeOffset now);

    /// <summary>Returns null for anything that is not a valid, unexpired token of ours.</summary>
    Task<AccessTokenClaims?> ValidateAsync(string token);
}

public sealed record AccessToken(string Token, int ExpiresInSeconds);

public sealed record AccessTokenClaims(Guid UserId, Guid SecurityStamp);
