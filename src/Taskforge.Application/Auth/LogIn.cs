using Taskforge.Application.Common;
using Taskforge.Application.Users;

namespace Taskforge.Application.Auth;

public sealed record LogInCommand(string? Email, string? Password);

public sealed class LogIn(
    IUserRepository users,
    IPasswordHasher hasher,
    TokenPairIssuer issuer,
    AuthOptions options,
    TimeProvider time
)
{
    public const int InputMaxLength = 1000;

    public async Task<Result<TokenPair>> ExecuteAsync(LogInCommand command, CancellationToken ct)
    {
        var validator = new Validator()
            .RequiredText("email", command.Email, InputMaxLength)
            .RequiredText("password", command.Password, InputMaxLength);
        if (!validator.IsValid)
        {
            return validator.ToError();
        }

        var now = time.Now();
        var user = await users.FindByEmailAsync(command.Email!.Trim(), ct);
        if (user is null)
        {
            hasher.Verify(null, command.Password!);
            return InvalidCredentials;
        }

        if (user.IsLockedOut(now))
        {
            return LockedOut(user.LockedUntil!.Value - now);
        }

        // Claimed before the slow hash check, so concurrent guesses cannot all pass the lock check first.
        var throttle = options.LoginThrottle;
        var attempt = await users.ClaimLoginAttemptAsync(
            user.Id,
            throttle.FreeAttempts,
            now + throttle.FirstLockout,
            now,
            ct
        );
        if (attempt is null)
        {
            var lockedUntil = (await users.FindAsync(user.Id, ct))?.LockedUntil ?? now + throttle.FirstLockout;
            return LockedOut(lockedUntil - now);
        }

        if (hasher.Verify(user.PasswordHash, command.Password!) == PasswordCheck.Failed)
        {
            user.RecordFailedLogin(attempt.Value, throttle, now);
            await users.ExtendLockoutAsync(user, ct);
            return InvalidCredentials;
        }

        user.RecordSuccessfulLogin();
        await users.SaveLoginStateAsync(user, ct);
        return await issuer.IssueAsync(user, Guid.CreateVersion7(now), now, ct);
    }

    private static Error LockedOut(TimeSpan retryAfter) =>
        Error.TooManyRequests("Too many failed logins for this account; try again later.", retryAfter);

    internal static Error InvalidCredentials { get; } = Error.Unauthorized("The email or password is wrong.");
}
