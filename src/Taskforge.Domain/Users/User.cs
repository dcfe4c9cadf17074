using Taskforge.Domain.Common;

namespace Taskforge.Domain.Users;

public sealed class User : Entity
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;

    public string Email { get; private set; } = "";

    public string FirstName { get; private set; } = "";

    public string LastName { get; private set; } = "";

    public Role Role { get; private set; }

    public string PasswordHash { get; private set; } = "";

    /// <summary>Changes whenever every token issued so far must stop working (password change, deletion).</summary>
    public Guid SecurityStamp { get; private set; }

    public int FailedLoginCount { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    private User() { }

    public User(string email, string firstName, string lastName, string passwordHash, Role role, DateTimeOffset now)
        : base(now)
    {
        Email = email;
        FirstName = firstName;
        LastName = lastName;
        PasswordHash = passwordHash;
        Role = role;
        SecurityStamp = Guid.NewGuid();
    }

    public static string NormalizeEmail(string email) => email.Trim().ToUpperInvariant();

    public void ChangeProfile(string email, string firstName, string lastName, DateTimeOffset now)
    {
        Email = email;
        FirstName = firstName;
        LastName = lastName;
        Touch(now);
    }

    public void ChangeRole(Role role, DateTimeOffset now)
    {
        Role = role;
        Touch(now);
    }

    public void ChangePassword(string passwordHash, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        SecurityStamp = Guid.NewGuid();
        Touch(now);
    }

    public void Delete(DateTimeOffset now)
    {
        SecurityStamp = Guid.NewGuid();
        MarkDeleted(now);
    }

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>
    /// Records a failed login, the <paramref name="failedAttempts"/>-th in a row as the store
    /// counted it (atomically, so failures that race each other all count). From the threshold
    /// on, each further failure doubles the lockout, so guessing slows down exponentially while a
    /// user who mistypes a few times is untouched.
    /// </summary>
    public void RecordFailedLogin(int failedAttempts, LoginThrottle throttle, DateTimeOffset now)
    {
        FailedLoginCount = failedAttempts;
        LockedUntil = throttle.LockoutAfter(failedAttempts) is { } lockout ? now + lockout : null;
    }

    public void RecordSuccessfulLogin()
    {
        FailedLoginCount = 0;
        LockedUntil = null;
    }
}
