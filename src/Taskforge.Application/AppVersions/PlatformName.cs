namespace Taskforge.Application.AppVersions;

/// <summary>A platform is named by 1 to 32 of a-z, 0-9 and '-'.</summary>
public static class PlatformName
{
    public const string Expected = "must be 1 to 32 characters of a-z, 0-9 and '-'.";

    public static bool IsValid(string? platform) =>
        platform is { Length: >= 1 and <= 32 }
        && platform.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
