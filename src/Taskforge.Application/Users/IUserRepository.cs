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

    /// <summary>
    /// <see cref="UpdateAsync"/> for a write that takes the admin role away (an administrator
    /// demoted or deleted): <see cref="WriteOutcome.Refused"/> unless another live administrator
    /// remains. The check is part of the write and such writes take turns, so concurrent
    /// demotions cannot leave no administrator. Must run inside a transaction.
    /// </summary>
    Task<WriteOutcome> UpdateUnlessLastAdminAsync(User user, long expectedVersion, CancellationToken ct);

    Task SaveLoginStateAsync(User user, CancellationToken ct);

    /// <summary>
    /// Claims a login attempt in one atomic statement: unless the account is locked at
    /// <paramref name="now"/>, counts the attempt as failed until proven otherwise and answers the
    /// new count; from the <paramref name="freeAttempts"/>-th on, it also locks the account until
    /// <paramref name="lockedUntil"/> at once, so concurrent attempts cannot slip past the lockout.
    /// Answers null when the account is locked.
    /// </summary>
    Task<int?> ClaimLoginAttemptAsync(
        Guid id,
        int freeAttempts,
        DateTimeOffset lockedUntil,
        DateTimeOffset now,
        CancellationToken ct
    );

    /// <summary>Stores the user's lockout unless a concurrent failure already stored a later one.</summary>
    Task ExtendLockoutAsync(User user, CancellationToken ct);

    Task<CallerAccess?> GetAccessAsync(Guid id, CancellationToken ct);

    Task<IReadOnlyList<User>> ListAsync(UserListQuery query, CancellationToken ct);
}

/// <summary>What the per-request check needs: the current stamp and role of a live account.</summary>
public sealed record CallerAccess(Guid SecurityStamp, Role Role);

public sealed record UserListQuery(string? Search, Guid? After, int Take);

public sealed record UserListKey(Guid Id);
