namespace Taskforge.Domain.Users;

/// <summary>How long an account is locked after repeated failed logins.</summary>
public sealed record LoginThrottle(int FreeAttempts, TimeSpan FirstLockout, TimeSpan MaxLockout)
{
    public static LoginThrottle Default { get; } = new(5, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(15));

    public TimeSpan? LockoutAfter(int failedAttempts)
    {
        if (failedAttempts < FreeAttempts)
        {
            return null;
        }

        var doublings = Math.Min(failedAttempts - FreeAttempts, 20);
        var lockout = FirstLockout * Math.Pow(2, doublings);
        return lockout < MaxLockout ? lockout : MaxLockout;
    }
}
