using Taskforge.Domain.Users;

namespace Taskforge.UnitTests.Domain;

public sealed class LoginThrottleTests
{
    private static readonly LoginThrottle Throttle = LoginThrottle.Default;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void The_first_failures_are_free(int failures)
    {
        Throttle.LockoutAfter(failures).Should().BeNull();
    }

    [Theory]
    [InlineData(5, 30)]
    [InlineData(6, 60)]
    [InlineData(7, 120)]
    [InlineData(9, 480)]
    public void From_the_fifth_failure_the_lockout_starts_at_30_seconds_and_doubles(int failures, int seconds)
    {
        Throttle.LockoutAfter(failures).Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(int.MaxValue)]
    public void The_lockout_never_exceeds_15_minutes(int failures)
    {
        Throttle.LockoutAfter(failures).Should().Be(TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void A_custom_throttle_uses_its_own_numbers()
    {
        var throttle = new LoginThrottle(2, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));

        throttle.LockoutAfter(1).Should().BeNull();
        throttle.LockoutAfter(2).Should().Be(TimeSpan.FromSeconds(1));
        throttle.LockoutAfter(3).Should().Be(TimeSpan.FromSeconds(2));
        throttle.LockoutAfter(4).Should().Be(TimeSpan.FromSeconds(3));
    }
}
