using Taskforge.Application.Common;
using Taskforge.Application.Users;

namespace Taskforge.Application.Auth;

/// <summary>
/// Trades a refresh token for a new pair. A token can be spent once: presenting a spent one
/// means it was stolen or replayed, so the whole family (every descendant of that login) is revoked.
/// </summary>
public sealed class RotateRefreshToken(
    IRefreshTokenRepository refreshTokens,
    IUserRepository users,
    IUnitOfWork unitOfWork,
    TokenPairIssuer issuer,
    TimeProvider time
)
{
    public async Task<Result<TokenPair>> ExecuteAsync(string? refreshToken, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(refreshToken))
        {
            return Error.Invalid("refreshToken", "is required.");
        }

        var hash = RefreshTokenSecret.Hash(refreshToken);
        var now = time.Now();

        await using var transaction = await unitOfWork.BeginAsync(ct);
        var spent = await refreshTokens.SpendAsync(hash, now, ct);
        if (spent is null)
        {
            if (await refreshTokens.FindAsync(hash, ct) is { } known)
            {
                await refreshTokens.RevokeFamilyAsync(known.FamilyId, now, ct);
                await transaction.CommitAsync(ct);
            }

            return InvalidToken;
        }

        var user = await users.FindAsync(spent.UserId, ct);
        if (user is null)
        {
            return InvalidToken;
        }

        var pair = await issuer.IssueAsync(user, spent.FamilyId, now, ct);
        await transaction.CommitAsync(ct);
        return pair;
    }

    private static Error InvalidToken { get; } =
        Error.Unauthorized("The refresh token is invalid, expired or already used.");
}
