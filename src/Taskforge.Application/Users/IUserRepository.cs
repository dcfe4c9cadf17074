using Taskforge.Application.Common;
using Taskforge.Domain.Users;

namespace Taskforge.Application.Users;

public interface IUserRepository
{
    Task<User?> FindAsync(Guid id, CancellationToken ct);

    Task<User?> FindByEmailAsync(string email, CancellationToken ct);

    Task<bool> IsEmailTakenAsync(string email, Guid? exceptUserId, CancellationToken ct);

    /// <summary>Returns false when the email is already taken (a unique index, so races lose cleanly).</summary>
    Task<bool> AddAsync(User user, CancellationToken ct);

    /// <summary>
    /// Writes the user only if the stored version is still <paramref name="expectedVersion"/>.
    /// </summary>
    Task<WriteOutcome> UpdateAsync(User user, long expectedVersion, CancellationToken ct);

    Task SaveLoginStateAsync(User user, CancellationToken ct);

    /// <summary>Adds one failed login in a single atomic statement and answers the new count.</summary>
    Task<int> CountFailedLoginAsync(Guid id, CancellationToken ct);

    /// <summary>Stores the user's lockout unless a concurrent failure already stored a later one.</summary>
    Task ExtendLockoutAsync(User user, CancellationToken ct);

    Task<CallerAccess?> GetAccessAsync(Guid id, CancellationToken ct);

    Task<IReadOnlyList<User>> ListAsync(UserListQuery query, CancellationToken ct);
}

/// <summary>What the per-request check needs: the current stamp and role of a live account.</summary>
public sealed record CallerAccess(Guid SecurityStamp, Role Role);

public sealed record UserListQuery(string? Search, Guid? After, int Take);

public sealed record UserListKey(Guid Id);
