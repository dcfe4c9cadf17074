using Taskforge.Domain.Auth;

namespace Taskforge.Application.Auth;

public interface IRefreshTokenRepository
{
    Task AddAsync(RefreshToken token, CancellationToken ct);

    /// <summary>
    /// Marks a live token spent in one atomic statement and returns it; returns null when the
    /// token is unknown, expired, revoked or already spent (then see <see cref="FindAsync"/>).
    /// </summary>
    Task<RefreshToken?> SpendAsync(string tokenHash, DateTimeOffset now, CancellationToken ct);

    Task<RefreshToken?> FindAsync(string tokenHash, CancellationToken ct);

    Task RevokeFamilyAsync(Guid familyId, DateTimeOffset now, CancellationToken ct);

    Task RevokeAllForUserAsync(Guid userId, DateTimeOffset now, CancellationToken ct);
}
