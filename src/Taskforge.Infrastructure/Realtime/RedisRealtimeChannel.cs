using StackExchange.Redis;
using Taskforge.Application.Events;
using Taskforge.Application.Notifications;
using Taskforge.Infrastructure.Redis;

namespace Taskforge.Infrastructure.Realtime;

/// <summary>
/// Fans realtime messages out to every instance through Redis pub/sub (the SignalR Redis
/// backplane does not restore here); each instance's subscription hands them to its own hub.
/// A publish that fails throws, and the outbox retries it.
/// </summary>
public sealed class RedisRealtimeChannel(RedisConnection redis, HubPresence presence) : IRealtimeChannel
{
    /// <remarks>
    /// Asked inside the fan-out's transaction (on SQLite, the one writer's turn): with Redis down
    /// it answers at once rather than waiting out a command's timeout. Just after Redis came back
    /// it answers everyone too, until the instances have marked their users again.
    /// </remarks>
    public async Task<IReadOnlySet<Guid>?> ConnectedAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        if (!presence.IsTrusted)
        {
            return null;
        }

        try
        {
            return await presence.OnlineAsync(userIds);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Everyone, then: each delivery's publish fails and is retried until Redis is back,
            // as before presence was asked; the fan-out of the other consumers goes on.
            return null;
        }
    }

    public Task SendAsync(Guid userId, EventEnvelope envelope, CancellationToken ct) =>
        PublishAsync(new RealtimeMessage(userId, RealtimeMessage.Event, envelope.Json));

    public Task DisconnectAsync(Guid userId, CancellationToken ct) =>
        PublishAsync(new RealtimeMessage(userId, RealtimeMessage.Disconnect, null));

    private async Task PublishAsync(RealtimeMessage message) =>
        await redis.Subscriber.PublishAsync(RealtimeMessage.Channel, message.ToJson());
}
