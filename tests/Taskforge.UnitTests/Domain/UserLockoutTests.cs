using Taskforge.Domain.Users;

namespace Taskforge.UnitTests.Domain;

public sealed class UserLockoutTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Four_failures_leave_the_account_open()
    {
        var user = NewUser();

        Fail(user, 4);

        user.FailedLoginCount.Should().Be(4);
        user.IsLockedOut(Now).Should().BeFalse();
        user.LockedUntil.Should().BeNull();
    }

    [Fact]
    public void The_fifth_failure_locks_the_account_for_30_seconds()
    {
        var user = NewUser();

        Fail(user, 5);

        user.LockedUntil.Should().Be(Now + TimeSpan.FromSeconds(30));
        user.IsLockedOut(Now.AddSeconds(29)).Should().BeTrue();
        user.IsLockedOut(Now.AddSeconds(30)).Should().BeFalse();
    }

    [Fact]
    public void A_failure_after_the_lockout_ends_locks_for_twice_as_long()
    {
        var user = NewUser();
        Fail(user, 5);
        var later = Now.AddSeconds(31);

        user.RecordFailedLogin(6, LoginThrottle.Default, later);

        user.LockedUntil.Should().Be(later + TimeSpan.FromSeconds(60));
        user.IsLockedOut(later.AddSeconds(59)).Should().BeTrue();
    }

    [Fact]
    public void A_successful_login_clears_the_count_and_the_lock()
    {
        var user = NewUser();
        Fail(user, 5);

        user.RecordSuccessfulLogin();

        user.FailedLoginCount.Should().Be(0);
        user.LockedUntil.Should().BeNull();
        user.IsLockedOut(Now).Should().BeFalse();
        Fail(user, 4);
        user.IsLockedOut(Now).Should().BeFalse();
    }

    [Fact]
    public void Changing_the_password_or_deleting_changes_the_security_stamp_and_the_version()
    {
        var user = NewUser();
        var stamp = user.SecurityStamp;
        var version = user.Version;

        user.ChangePassword("new-hash", Now);

        user.SecurityStamp.Should().NotBe(stamp);
        user.Version.Should().BeGreaterThan(version);
        stamp = user.SecurityStamp;
        user.Delete(Now);
        user.SecurityStamp.Should().NotBe(stamp);
        user.IsDeleted.Should().BeTrue();
    }

    [Fact]
    public void Profile_and_role_changes_keep_the_security_stamp()
    {
        var user = NewUser();
        var stamp = user.SecurityStamp;

        user.ChangeProfile("b@example.test", "B", "C", Now);
        user.ChangeRole(Role.Admin, Now);

        user.SecurityStamp.Should().Be(stamp);
        user.Role.Should().Be(Role.Admin);
    }

    [Fact]
    public void Emails_are_compared_trimmed_and_without_case()
    {
        User.NormalizeEmail("  Ada@Example.Test ").Should().Be(User.NormalizeEmail("ada@example.test"));
    }

    private static User NewUser() => new("a@example.test", "A", "B", "hash", Role.User, Now);

    private static void Fail(User user, int times)
    {
        for (var attempt = 1; attempt <= times; attempt++)
        {
            user.RecordFailedLogin(attempt, LoginThrottle.Default, Now);
        }
    }
}
