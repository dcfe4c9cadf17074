using Taskforge.Domain.Common;

namespace Taskforge.Domain.Auth;

/// <summary>
/// One refresh token, stored only as a hash. Tokens that descend from the same login share a
/// family, so reuse of a spent token can revoke the whole line at once.
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; private init; }

    public Guid UserId { get; private init; }

    public Guid FamilyId { get; private init; }

    public string TokenHash { get; private init; } = "";

    public DateTimeOffset CreatedAt { get; private init; }

    public DateTimeOffset ExpiresAt { get; private init; }

    public DateTimeOffset? SpentAt { get; private init; }

    public DateTimeOffset? RevokedAt { get; private init; }

    private RefreshToken() { }

    public RefreshToken(Guid userId, Guid familyId, string tokenHash, DateTimeOffset now, TimeSpan lifetime)
    {
        Id = Guid.CreateVersion7(now);
        UserId = userId;
        FamilyId = familyId;
        TokenHash = tokenHash;
        CreatedAt = now;
        ExpiresAt = now + lifetime;
    }
}
