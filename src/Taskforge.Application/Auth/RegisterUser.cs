using Taskforge.Application.Common;
using Taskforge.Application.Events;
using Taskforge.Application.Projects;
using Taskforge.Application.Users;
using Taskforge.Domain.Events;
using Taskforge.Domain.Projects;
using Taskforge.Domain.Users;

namespace Taskforge.Application.Auth;

public sealed record RegisterUserCommand(string? Email, string? Password, string? FirstName, string? LastName);

/// <summary>Creates an account and its Inbox project in one transaction.</summary>
public sealed class RegisterUser(
    IUserRepository users,
    IProjectRepository projects,
    IUnitOfWork unitOfWork,
    IEventOutbox outbox,
    IPasswordHasher hasher,
    TimeProvider time
)
{
    public Task<Result<User>> ExecuteAsync(RegisterUserCommand command, CancellationToken ct) =>
        ExecuteAsync(command, Role.User, ct);

    /// <summary>Registers with a role of the caller's choosing: the bootstrap administrator is one from the start.</summary>
    internal async Task<Result<User>> ExecuteAsync(RegisterUserCommand command, Role role, CancellationToken ct)
    {
        var validator = new Validator()
            .Email("email", command.Email)
            .Text("password", command.Password, User.PasswordMinLength, User.PasswordMaxLength)
            .RequiredText("firstName", command.FirstName, User.NameMaxLength)
            .RequiredText("lastName", command.LastName, User.NameMaxLength);
        if (!validator.IsValid)
        {
            return validator.ToError();
        }

        var email = command.Email!.Trim();
        if (await users.IsEmailTakenAsync(email, null, ct))
        {
            return UserErrors.EmailTaken;
        }

        var now = time.Now();
        var user = new User(
            email,
            command.FirstName!.Trim(),
            command.LastName!.Trim(),
            hasher.Hash(command.Password!),
            role,
            now
        );

        await using var transaction = await unitOfWork.BeginAsync(ct);
        if (!await users.AddAsync(user, ct))
        {
            return UserErrors.EmailTaken;
        }

        var inbox = Project.CreateInbox(user.Id, now);
        await projects.AddAsync(inbox, ct);
        await outbox.RecordAsync(
            [
                DomainEvent.ForUser(EventTypes.UserRegistered, user, now),
                DomainEvent.ForProject(EventTypes.ProjectCreated, inbox, now),
            ],
            ct
        );
        await transaction.CommitAsync(ct);
        return user;
    }
}
