namespace Taskforge.Application.Auth;

public interface IPasswordHasher
{
    string Hash(string password);

    /// <summary>
    /// Checks a password against a stored hash. With no hash (an unknown account) it checks
    /// against a decoy and fails, so both failures cost the same time and reveal nothing.
    /// </summary>
    PasswordCheck Verify(string? hash, string password);
}

public enum PasswordCheck
{
    Failed,
    Success,

    /// <summary>Correct, but hashed with weaker settings than today's: store a new hash.</summary>
    SuccessRehashNeeded,
}
