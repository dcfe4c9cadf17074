using Taskforge.Application.Auth;
using Taskforge.Domain.Auth;

namespace Taskforge.Infrastructure.Persistence;

public sealed class RefreshTokenRepository(DbSession db) : IRefreshTokenRepository
{
    private const string Columns = "id, user_id, family_id, token_hash, created_at, expires_at, spent_at, revoked_at";

    public Task AddAsync(RefreshToken token, CancellationToken ct) =>
        db.ExecuteAsync(
            $"INSERT INTO refresh_tokens ({Columns}) VALUES (@Id, @UserId, @FamilyId, @TokenHash, @CreatedAt, @ExpiresAt, @SpentAt, @RevokedAt)",
            new
            {
                token.Id,
                token.UserId,
                token.FamilyId,
                token.TokenHash,
                token.CreatedAt,
                token.ExpiresAt,
                token.SpentAt,
                token.RevokedAt,
            },
            ct
        );

    public Task<RefreshToken?> SpendAsync(string tokenHash, DateTimeOffset now, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<RefreshToken>(
            $"""
            UPDATE refresh_tokens SET spent_at = @now
            WHERE token_hash = @tokenHash AND spent_at IS NULL AND revoked_at IS NULL AND expires_at > @now
            RETURNING {Columns}
            """,
            new { tokenHash, now },
            ct
        );

    public Task<RefreshToken?> FindAsync(string tokenHash, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<RefreshToken>(
            $"SELECT {Columns} FROM refresh_tokens WHERE token_hash = @tokenHash",
            new { tokenHash },
            ct
        );

    public Task RevokeFamilyAsync(Guid familyId, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(
            "UPDATE refresh_tokens SET revoked_at = @now WHERE family_id = @familyId AND revoked_at IS NULL",
            new { familyId, now },
            ct
        );

    public Task RevokeAllForUserAsync(Guid userId, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(
            "UPDATE refresh_tokens SET revoked_at = @now WHERE user_id = @userId AND revoked_at IS NULL",
            new { userId, now },
            ct
        );
}
