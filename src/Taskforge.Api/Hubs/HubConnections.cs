using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Taskforge.Api.Hubs;

/// <summary>
/// This process's open hub connections by user: who is connected here (for the fan-out, and for
/// the marks <see cref="HubPresenceRefresher"/> keeps in Redis), and a deleted account's to close.
/// </summary>
public sealed class HubConnections
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, HubCallerContext>> _byUser = new();

    /// <summary>The users with at least one connection open here.</summary>
    public IReadOnlyCollection<Guid> Users =>
        _byUser.Where(user => !user.Value.IsEmpty).Select(user => user.Key).ToList();

    public bool IsConnected(Guid userId) => _byUser.TryGetValue(userId, out var connections) && !connections.IsEmpty;

    public void Add(Guid userId, HubCallerContext connection) =>
        _byUser.GetOrAdd(userId, _ => new(StringComparer.Ordinal))[connection.ConnectionId] = connection;

    public void Remove(Guid userId, string connectionId)
    {
        if (_byUser.TryGetValue(userId, out var connections))
        {
            connections.TryRemove(connectionId, out _);
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
