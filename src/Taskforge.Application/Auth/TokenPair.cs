namespace Taskforge.Application.Auth;

public sealed record TokenPair(string AccessToken, int ExpiresIn, string RefreshToken);
