using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Taskforge.Api.Hubs;

/// <summary>
/// This process's hub users: who is connected, or about to be (for the fan-out, and for the marks
/// <see cref="HubPresenceRefresher"/> keeps in Redis), and a deleted account's connections to close.
/// </summary>
public sealed class HubConnections(TimeProvider clock)
{
    /// <summary>
    /// How long a user counts as connected after a hub request of theirs arrived: SignalR answers the
    /// handshake before the hub sees the connection, so an app could otherwise write in between
    /// and its event find no one.
    /// </summary>
    public static readonly TimeSpan Connecting = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, HubCallerContext>> _byUser = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _connectingSince = new();

    /// <summary>The users with at least one connection open here.</summary>
    public IReadOnlyCollection<Guid> Users =>
        _byUser.Where(user => !user.Value.IsEmpty).Select(user => user.Key).ToList();

    public bool IsConnected(Guid userId) =>
        (_byUser.TryGetValue(userId, out var connections) && !connections.IsEmpty)
        || (_connectingSince.TryGetValue(userId, out var since) && clock.GetUtcNow() - since < Connecting);

    /// <summary>A hub request of the user's arrived (negotiate, or the connection itself).</summary>
    public void MarkConnecting(Guid userId) => _connectingSince[userId] = clock.GetUtcNow();

    public void Add(Guid userId, HubCallerContext connection) =>
        _byUser.GetOrAdd(userId, _ => new(StringComparer.Ordinal))[connection.ConnectionId] = connection;

    public void Remove(Guid userId, string connectionId)
    {
        if (_byUser.TryGetValue(userId, out var connections))
        {
            connections.TryRemove(connectionId, out _);
        }
    }

    /// <summary>Forgets the connecting marks that have run out.</summary>
    public void Prune()
    {
        var now = clock.GetUtcNow();
        foreach (var (userId, since) in _connectingSince)
        {
            if (now - since >= Connecting)
            {
                _connectingSince.TryRemove(new KeyValuePair<Guid, DateTimeOffset>(userId, since));
            }
        }
    }

    public void CloseAll(Guid userId)
    {
        if (_byUser.TryRemove(userId, out var connections))
        {
            foreach (var connection in connections.Values)
            {
                connection.Abort();
            }
        }
    }
}
