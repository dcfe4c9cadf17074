using Microsoft.AspNetCore.Identity;
using Taskforge.Application.Auth;
using Taskforge.Domain.Users;

namespace Taskforge.Infrastructure.Auth;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher (HMAC-SHA512, 100,000 iterations, per-hash salt).</summary>
public sealed class IdentityPasswordHasher : IPasswordHasher
{
    private readonly PasswordHasher<User> _hasher;
    private readonly string _decoyHash;

    public IdentityPasswordHasher(PasswordHasherOptions? options = null)
    {
        _hasher = new PasswordHasher<User>(
            Microsoft.Extensions.Options.Options.Create(options ?? new PasswordHasherOptions())
        );
        _decoyHash = _hasher.HashPassword(null!, Guid.NewGuid().ToString());
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
