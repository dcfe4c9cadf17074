using Taskforge.Domain.AppVersions;

namespace Taskforge.Application.AppVersions;

/// <summary>The answer to "should this build update?".</summary>
public sealed record AppVersionCheck(
    string Platform,
    string Current,
    string Latest,
    string MinimumSupported,
    string Update,
    string? Message,
    string? StoreUrl
)
{
    public static AppVersionCheck From(AppVersionPolicy policy, SemanticVersion current) =>
        new(
            policy.Platform,
            current.Text,
            policy.Latest.Text,
            policy.MinimumSupported.Text,
            policy.UpdateFor(current) switch
            {
                UpdateKind.Hard => "hard",
                UpdateKind.Soft => "soft",
                _ => "none",
            },
            policy.Message,
            policy.StoreUrl
        );
}

/// <summary>A platform's policy as administrators read and write it.</summary>
public sealed record AppVersionPolicyResponse(
    string Platform,
    string Latest,
    string MinimumSupported,
    string? Message,
    string? StoreUrl,
    DateTime UpdatedAt
)
{
    public static AppVersionPolicyResponse From(AppVersionPolicy policy) =>
        new(
            policy.Platform,
            policy.Latest.Text,
            policy.MinimumSupported.Text,
            policy.Message,
            policy.StoreUrl,
            policy.UpdatedAt.UtcDateTime
        );
}
