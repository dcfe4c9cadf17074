using Taskforge.Domain.Users;

namespace Taskforge.Application.Auth;

public sealed class AuthOptions
{
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    public LoginThrottle LoginThrottle { get; set; } = LoginThrottle.Default;
}
