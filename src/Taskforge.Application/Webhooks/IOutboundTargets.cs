namespace Taskforge.Application.Webhooks;

/// <summary>
/// Whether the service may send requests to a URL of a user's choosing: its scheme, and every
/// address its host resolves to (no loopback, private, link-local or multicast target).
/// </summary>
public interface IOutboundTargets
{
    /// <summary>Null when the URL may be used; otherwise why not, in words for the client.</summary>
    Task<string?> RefusalAsync(Uri url, CancellationToken ct);
}
