using Taskforge.Application.Auth;
using Taskforge.Application.Common;
using Taskforge.Application.Events;
using Taskforge.Domain.Events;
using Taskforge.Domain.Users;

namespace Taskforge.Application.Users;

public sealed record ChangePasswordCommand(string? CurrentPassword, string? NewPassword);

/// <summary>Sets a new password; every token issued before it stops working.</summary>
public sealed class ChangePassword(
    IUserRepository users,
    IRefreshTokenRepository refreshTokens,
    IUnitOfWork unitOfWork,
    IEventOutbox outbox,
    IPasswordHasher hasher,
    TimeProvider time
)
{
    public Task<Result<Done>> ExecuteAsync(Guid userId, ChangePasswordCommand command, CancellationToken ct) =>
        OptimisticConcurrency.RetryAsync(expectedVersion: null, () => TryAsync(userId, command, ct));

    private async Task<Result<Done>> TryAsync(Guid userId, ChangePasswordCommand command, CancellationToken ct)
    {
        var validator = new Validator()
            .RequiredText("currentPassword", command.CurrentPassword, User.PasswordMaxLength)
            .Text("newPassword", command.NewPassword, User.PasswordMinLength, User.PasswordMaxLength);
        if (!validator.IsValid)
        {
            return validator.ToError();
        }

        var user = await users.FindAsync(userId, ct);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        if (hasher.Verify(user.PasswordHash, command.CurrentPassword!) == PasswordCheck.Failed)
        {
            return Error.Invalid("currentPassword", "is not the current password.");
        }

        var previousVersion = user.Version;
        var now = time.Now();
        user.ChangePassword(hasher.Hash(command.NewPassword!), now);

        await using var transaction = await unitOfWork.BeginAsync(ct);
        if (await users.UpdateAsync(user, previousVersion, ct) != WriteOutcome.Written)
        {
            return Error.VersionMismatch;
        }

        await refreshTokens.RevokeAllForUserAsync(user.Id, now, ct);
        await outbox.RecordAsync(DomainEvent.ForUser(EventTypes.PasswordChanged, user, now), ct);
        await transaction.CommitAsync(ct);
        return Done.Value;
    }
}
