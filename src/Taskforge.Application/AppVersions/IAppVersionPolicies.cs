using Taskforge.Domain.AppVersions;

namespace Taskforge.Application.AppVersions;

/// <summary>The stored policies, one per platform.</summary>
public interface IAppVersionPolicies
{
    Task<AppVersionPolicy?> GetAsync(string platform, CancellationToken ct);

    Task<IReadOnlyList<AppVersionPolicy>> ListAsync(CancellationToken ct);

    Task SaveAsync(AppVersionPolicy policy, CancellationToken ct);
}
