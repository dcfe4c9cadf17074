using Taskforge.Application.Common;
using Taskforge.Domain.AppVersions;

namespace Taskforge.Application.AppVersions;

/// <summary>The body of PUT /admin/app-versions/{platform}.</summary>
public sealed record AppVersionPolicyChanges(
    string? Latest,
    string? MinimumSupported,
    string? Message,
    string? StoreUrl
);

public sealed class SetAppVersionPolicy(IAppVersionPolicies policies, TimeProvider time)
{
    public const int MaxMessageLength = 500;

    public async Task<Result<AppVersionPolicy>> ExecuteAsync(
        string platform,
        AppVersionPolicyChanges changes,
        CancellationToken ct
    )
    {
        var validator = new Validator();
        if (!PlatformName.IsValid(platform))
        {
            validator.Add("platform", PlatformName.Expected);
        }

        var latest = Version(validator, "latest", changes.Latest);
        var minimum = Version(validator, "minimumSupported", changes.MinimumSupported);
        if (latest is not null && minimum is not null && minimum > latest)
        {
            validator.Add("minimumSupported", "must not be above latest.");
        }

        if (changes.Message is { Length: > MaxMessageLength })
        {
            validator.Add("message", $"must be at most {MaxMessageLength} characters.");
        }

        if (
            changes.StoreUrl is not null
            && (
                !Uri.TryCreate(changes.StoreUrl, UriKind.Absolute, out var url)
                || url.Scheme != Uri.UriSchemeHttps
                || changes.StoreUrl.Length > 2048
            )
        )
        {
            validator.Add("storeUrl", "must be an absolute https URL, or null.");
        }

        if (!validator.IsValid)
        {
            return validator.ToError();
        }

        var policy = new AppVersionPolicy(platform, latest!, minimum!, changes.Message, changes.StoreUrl, time.Now());
        await policies.SaveAsync(policy, ct);
        return policy;
    }

    private static SemanticVersion? Version(Validator validator, string field, string? text)
    {
        if (SemanticVersion.TryParse(text, out var version))
        {
            return version;
        }

        validator.Add(field, "must be a SemVer 2.0 version, such as 1.4.2.");
        return null;
    }
}
