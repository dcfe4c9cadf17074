using Taskforge.Application.Events;
using Taskforge.Domain.Events;

namespace Taskforge.Application.Notifications;

/// <summary>
/// The hub consumer: every public event goes to its user's open connections at once; a deleted
/// account's connections are closed after they hear of it. A user with no connection when the
/// event is fanned out gets no delivery: the hub keeps nothing for later, and an app that
/// connects afterwards reads the current state rather than the events it missed.
/// </summary>
public sealed class SendToConnectedApps(IRealtimeChannel channel) : IEventConsumer
{
    public string Name => "hub";

    public bool Accepts(string eventType) => EventTypes.IsPublic(eventType);

    public Task<IReadOnlySet<Guid>?> UsersWithWorkAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct) =>
        channel.ConnectedAsync(userIds, ct);

    public async Task DeliverAsync(EventEnvelope envelope, CancellationToken ct)
    {
        if (envelope.UserId is not { } userId)
        {
            return;
        }

        await channel.SendAsync(userId, envelope, ct);
        if (envelope.Type == EventTypes.UserDeleted)
        {
            await channel.DisconnectAsync(userId, ct);
        }
    }
}
