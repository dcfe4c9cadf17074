using Taskforge.Application.Common;
using Taskforge.Domain.Users;

namespace Taskforge.Application.Users;

/// <summary>The fields a write may change; a PUT sets all of them, a merge patch only those it names.</summary>
public sealed record UserChanges(
    Optional<string?> Email,
    Optional<string?> FirstName,
    Optional<string?> LastName,
    Optional<string?> Role
);

public sealed class UpdateUser(IUserRepository users, IUnitOfWork unitOfWork, TimeProvider time)
{
    public Task<Result<User>> ExecuteAsync(Guid id, UserChanges changes, long? expectedVersion, CancellationToken ct) =>
        OptimisticConcurrency.RetryAsync(expectedVersion, () => TryAsync(id, changes, expectedVersion, ct));

    private async Task<Result<User>> TryAsync(Guid id, UserChanges changes, long? expectedVersion, CancellationToken ct)
    {
        var user = await users.FindAsync(id, ct);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        if (expectedVersion is { } expected && expected != user.Version)
        {
            return Error.VersionMismatch;
        }

        var email = changes.Email.Or(user.Email);
        var firstName = changes.FirstName.Or(user.FirstName);
        var lastName = changes.LastName.Or(user.LastName);
        var roleName = changes.Role.Or(Roles.ToName(user.Role));
        var role = Roles.FromName(roleName);

        var validator = new Validator()
            .Email("email", email)
            .RequiredText("firstName", firstName, User.NameMaxLength)
            .RequiredText("lastName", lastName, User.NameMaxLength);
        if (role is null)
        {
            validator.Add("role", "must be \"user\" or \"admin\".");
        }

        if (!validator.IsValid)
        {
            return validator.ToError();
        }

        email = email!.Trim();
        var emailChanged = !string.Equals(
            User.NormalizeEmail(email),
            User.NormalizeEmail(user.Email),
            StringComparison.Ordinal
        );
        if (emailChanged && await users.IsEmailTakenAsync(email, user.Id, ct))
        {
            return UserErrors.EmailTaken;
        }

        var previousVersion = user.Version;
        var demotesAnAdmin = user.Role == Role.Admin && role != Role.Admin;
        var now = time.Now();
        user.ChangeProfile(email, firstName!.Trim(), lastName!.Trim(), now);
        if (role != user.Role)
        {
            user.ChangeRole(role!.Value, now);
        }

        await using var transaction = await unitOfWork.BeginAsync(ct);
        var outcome = demotesAnAdmin
            ? await users.UpdateUnlessLastAdminAsync(user, previousVersion, ct)
            : await users.UpdateAsync(user, previousVersion, ct);
        if (outcome == WriteOutcome.Written)
        {
            await transaction.CommitAsync(ct);
        }

        return outcome switch
        {
            WriteOutcome.Written => user,
            WriteOutcome.Duplicate => UserErrors.EmailTaken,
            WriteOutcome.Refused => UserErrors.LastAdmin,
            _ => Error.VersionMismatch,
        };
    }
}
