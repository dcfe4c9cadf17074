using Taskforge.Application.Webhooks;

namespace Taskforge.Infrastructure.Outbound;

/// <summary>The check when a user names a URL: its scheme, then every address its host resolves to now.</summary>
public sealed class OutboundTargets(OutboundAddressPolicy policy, OutboundConnector connector) : IOutboundTargets
{
    public async Task<string?> RefusalAsync(Uri url, CancellationToken ct)
    {
        if (policy.SchemeRefusal(url) is { } scheme)
        {
            return scheme;
        }

        try
        {
            await connector.ResolveAsync(url.IdnHost, ct);
            return null;
        }
        catch (OutboundTargetRefusedException e)
        {
            return e.Message;
        }
    }
}
