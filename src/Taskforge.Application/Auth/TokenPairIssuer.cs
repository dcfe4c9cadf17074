using Taskforge.Domain.Auth;
using Taskforge.Domain.Users;

namespace Taskforge.Application.Auth;

/// <summary>Mints an access token and a stored refresh token for one login session (family).</summary>
public sealed class TokenPairIssuer(
    IAccessTokens accessTokens,
    IRefreshTokenRepository refreshTokens,
    AuthOptions options
)
{
    public async Task<TokenPair> IssueAsync(User user, Guid familyId, DateTimeOffset now, CancellationToken ct)
    {
        var access = accessTokens.Issue(user, now);
        var secret = RefreshTokenSecret.New();
        var refresh = new RefreshToken(
            user.Id,
            familyId,
            RefreshTokenSecret.Hash(secret),
            now,
            options.RefreshTokenLifetime
        );
        await refreshTokens.AddAsync(refresh, ct);
        return new TokenPair(access.Token, access.ExpiresInSeconds, secret);
    }
}
