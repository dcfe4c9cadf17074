using Taskforge.Application.Events;
using Taskforge.Application.Notifications;

namespace Taskforge.Infrastructure.Realtime;

/// <summary>
/// A worker without Redis: no app connects to this process and no other instance can be reached,
/// so there is no one to tell. The API replaces it with its hub.
/// </summary>
public sealed class NoRealtimeChannel : IRealtimeChannel
{
    public Task<IReadOnlySet<Guid>?> ConnectedAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<Guid>?>(new HashSet<Guid>());

    public Task SendAsync(Guid userId, EventEnvelope envelope, CancellationToken ct) => Task.CompletedTask;

    public Task DisconnectAsync(Guid userId, CancellationToken ct) => Task.CompletedTask;
}
