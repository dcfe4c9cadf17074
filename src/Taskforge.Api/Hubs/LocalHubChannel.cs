using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Taskforge.Application.Events;
using Taskforge.Application.Notifications;

namespace Taskforge.Api.Hubs;

/// <summary>Hands realtime messages to the connections of this process.</summary>
public sealed class LocalHubChannel(IHubContext<NotificationHub> hub, HubConnections connections) : IRealtimeChannel
{
    public Task<IReadOnlySet<Guid>?> ConnectedAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<Guid>?>(userIds.Where(connections.IsConnected).ToHashSet());

    public Task SendAsync(Guid userId, EventEnvelope envelope, CancellationToken ct) =>
        SendAsync(userId, envelope.Json, ct);

    public Task SendAsync(Guid userId, string envelopeJson, CancellationToken ct)
    {
        using var envelope = JsonDocument.Parse(envelopeJson);
        return hub
            .Clients.User(userId.ToString())
            .SendAsync(NotificationHub.EventMethod, envelope.RootElement.Clone(), ct);
    }

    public Task DisconnectAsync(Guid userId, CancellationToken ct)
    {
        connections.CloseAll(userId);
        return Task.CompletedTask;
    }
}
