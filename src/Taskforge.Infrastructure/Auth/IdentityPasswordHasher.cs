using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Taskforge.Application.Auth;
using Taskforge.Domain.Users;

namespace Taskforge.Infrastructure.Auth;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher (HMAC-SHA512, 100,000 iterations, per-hash salt).</summary>
public sealed class IdentityPasswordHasher : IPasswordHasher
{
    /// <summary>
    /// Test-only: fewer PBKDF2 iterations, so a test suite that registers thousands of accounts
    /// spends its time on what it tests. Ignored in Production. The count is stored in each hash,
    /// so such hashes still verify (and are rehashed at the next login) under the default.
    /// </summary>
    public const string TestIterationsSetting = "Testing:PasswordHashIterations";

    private readonly PasswordHasher<User> _hasher;
    private readonly string _decoyHash;

    public IdentityPasswordHasher(PasswordHasherOptions? options = null)
    {
        _hasher = new PasswordHasher<User>(
            Microsoft.Extensions.Options.Options.Create(options ?? new PasswordHasherOptions())
        );
        _decoyHash = _hasher.HashPassword(null!, Guid.NewGuid().ToString());
    }

    public static IdentityPasswordHasher From(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = environment.IsProduction() ? null : configuration[TestIterationsSetting];
        return
            int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            && iterations > 0
            ? new IdentityPasswordHasher(new PasswordHasherOptions { IterationCount = iterations })
            : new IdentityPasswordHasher();
    }

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public PasswordCheck Verify(string? hash, string password)
    {
        var result = _hasher.VerifyHashedPassword(null!, hash ?? _decoyHash, password);
        return hash is null
            ? PasswordCheck.Failed
            : result switch
            {
                PasswordVerificationResult.Success => PasswordCheck.Success,
                PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
                _ => PasswordCheck.Failed,
            };
    }
}
