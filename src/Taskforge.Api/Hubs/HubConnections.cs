using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Taskforge.Api.Hubs;

/// <summary>This process's open hub connections by user, so that a deleted account's can be closed.</summary>
public sealed class HubConnections
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, HubCallerContext>> _byUser = new();

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
