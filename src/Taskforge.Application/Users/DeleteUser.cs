using Taskforge.Application.Auth;
using Taskforge.Application.Common;
using Taskforge.Application.Events;
using Taskforge.Application.Projects;
using Taskforge.Application.Webhooks;
using Taskforge.Domain.Events;
using Taskforge.Domain.Users;

namespace Taskforge.Application.Users;

/// <summary>
/// Soft-deletes an account with its projects, tasks and webhooks; its tokens stop working at once
/// and its email becomes free again. The last administrator cannot be deleted.
/// </summary>
public sealed class DeleteUser(
    IUserRepository users,
    IProjectRepository projects,
    IRefreshTokenRepository refreshTokens,
    IWebhookRepository webhooks,
    IUnitOfWork unitOfWork,
    IEventOutbox outbox,
    TimeProvider time
)
{
    public Task<Result<Done>> ExecuteAsync(Guid id, long? expectedVersion, CancellationToken ct) =>
        OptimisticConcurrency.RetryAsync(expectedVersion, () => TryAsync(id, expectedVersion, ct));

    private async Task<Result<Done>> TryAsync(Guid id, long? expectedVersion, CancellationToken ct)
    {
        var user = await users.FindAsync(id, ct);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        var previousVersion = user.Version;
        if (expectedVersion is { } expected && expected != previousVersion)
        {
            return Error.VersionMismatch;
        }

        var deletesAnAdmin = user.Role == Role.Admin;
        var now = time.Now();
        user.Delete(now);

        await using var transaction = await unitOfWork.BeginAsync(ct);
        var outcome = deletesAnAdmin
            ? await users.UpdateUnlessLastAdminAsync(user, previousVersion, ct)
            : await users.UpdateAsync(user, previousVersion, ct);
        if (outcome != WriteOutcome.Written)
        {
            return outcome == WriteOutcome.Refused ? UserErrors.LastAdmin : Error.VersionMismatch;
        }

        await refreshTokens.RevokeAllForUserAsync(user.Id, now, ct);
        await projects.DeleteAllOwnedByAsync(user.Id, now, ct);
        await webhooks.DeleteAllOwnedByAsync(user.Id, now, ct);
        await outbox.RecordAsync(DomainEvent.Deleted(EventTypes.UserDeleted, user.Id, user.Id, now), ct);
        await transaction.CommitAsync(ct);
        return Done.Value;
    }
}
