using Taskforge.Application.Common;
using Taskforge.Domain.AppVersions;

namespace Taskforge.Application.AppVersions;

public sealed class CheckAppVersion(IAppVersionPolicies policies)
{
    public async Task<Result<AppVersionCheck>> ExecuteAsync(string platform, string? current, CancellationToken ct)
    {
        if (!SemanticVersion.TryParse(current, out var version))
        {
            return Error.Invalid("current", "must be a SemVer 2.0 version, such as 1.4.2.");
        }

        if (!PlatformName.IsValid(platform))
        {
            return Error.NotFound("platform");
        }

        var policy = await policies.GetAsync(platform, ct);
        return policy is null ? Error.NotFound("platform") : AppVersionCheck.From(policy, version);
    }
}
