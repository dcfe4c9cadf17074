using Taskforge.Application.Common;

namespace Taskforge.Application.Auth;

/// <summary>Ends the login session the refresh token belongs to. Unknown tokens are ignored: the outcome is the same.</summary>
public sealed class LogOut(IRefreshTokenRepository refreshTokens, TimeProvider time)
{
    public async Task<Result<Done>> ExecuteAsync(string? refreshToken, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(refreshToken))
        {
            return Error.Invalid("refreshToken", "is required.");
        }

        if (await refreshTokens.FindAsync(RefreshTokenSecret.Hash(refreshToken), ct) is { } token)
        {
            await refreshTokens.RevokeFamilyAsync(token.FamilyId, time.Now(), ct);
        }

        return Done.Value;
    }
}
