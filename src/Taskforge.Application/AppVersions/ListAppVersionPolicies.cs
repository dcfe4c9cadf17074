using Taskforge.Domain.AppVersions;

namespace Taskforge.Application.AppVersions;

public sealed class ListAppVersionPolicies(IAppVersionPolicies policies)
{
    public Task<IReadOnlyList<AppVersionPolicy>> ExecuteAsync(CancellationToken ct) => policies.ListAsync(ct);
}
