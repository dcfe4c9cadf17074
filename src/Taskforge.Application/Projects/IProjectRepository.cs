using Taskforge.Application.Common;
using Taskforge.Domain.Projects;

namespace Taskforge.Application.Projects;

/// <summary>Projects, always seen through their owner: another user's project is simply not found.</summary>
public interface IProjectRepository
{
    Task AddAsync(Project project, CancellationToken ct);

    Task<Project?> FindAsync(Guid ownerId, Guid id, CancellationToken ct);

    Task<Project?> FindDefaultAsync(Guid ownerId, CancellationToken ct);

    /// <summary>
    /// The id of the owner's default project (Inbox), which never changes once made, so it may
    /// come from memory; whether the project is still live is for the write's hold to check.
    /// </summary>
    Task<Guid?> FindDefaultIdAsync(Guid ownerId, CancellationToken ct);

    Task<IReadOnlyList<Project>> ListAsync(ProjectListQuery query, CancellationToken ct);

    /// <summary>Writes the project (a change or a soft delete) only if the stored version is still <paramref name="expectedVersion"/>.</summary>
    Task<WriteOutcome> UpdateAsync(Project project, long expectedVersion, CancellationToken ct);

    /// <summary>
    /// Inside a transaction: holds the owner's live project until it ends, so the project cannot
    /// be deleted while a task is written into it. When the project is gone (or not theirs), the
    /// transaction's <see cref="ITransaction.TryCommitAsync"/> answers
    /// <see cref="WriteOutcome.Refused"/> and nothing is written.
    /// </summary>
    Task HoldAsync(Guid ownerId, Guid id, CancellationToken ct);

    /// <summary>Soft-deletes every project of the owner, and their tasks, when an account goes.</summary>
    Task DeleteAllOwnedByAsync(Guid ownerId, DateTimeOffset now, CancellationToken ct);
}

public sealed record ProjectListQuery(Guid OwnerId, ProjectListKey? After, int Take);

/// <summary>A keyset position in the creation order: the last project's creation time and id (the tie-breaker).</summary>
public sealed record ProjectListKey(DateTimeOffset CreatedAt, Guid Id);
