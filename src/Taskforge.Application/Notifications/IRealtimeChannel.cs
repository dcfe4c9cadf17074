using Taskforge.Application.Events;

namespace Taskforge.Application.Notifications;

/// <summary>
/// The open app connections of every instance (the SignalR hub). An adapter reaches all
/// instances (Redis pub/sub) or, alone, the connections of this process.
/// </summary>
public interface IRealtimeChannel
{
    /// <summary>
    /// Of these users, those with an open connection that this channel reaches; null when it
    /// cannot tell (Redis is unreachable), which counts everyone as connected.
    /// </summary>
    Task<IReadOnlySet<Guid>?> ConnectedAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct);

    /// <summary>Sends the event to every open connection of its user, on every instance.</summary>
    Task SendAsync(Guid userId, EventEnvelope envelope, CancellationToken ct);

    /// <summary>Closes every open connection of the user, on every instance (the account is gone).</summary>
    Task DisconnectAsync(Guid userId, CancellationToken ct);
}
