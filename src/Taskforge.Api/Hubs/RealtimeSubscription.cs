using Taskforge.Infrastructure.Realtime;
using Taskforge.Infrastructure.Redis;

namespace Taskforge.Api.Hubs;

/// <summary>
/// With Redis, listens to the other instances' realtime messages and hands each to this
/// process's connections; whichever instance delivered the event, every connection hears it.
/// </summary>
public sealed partial class RealtimeSubscription(
    RedisConnection redis,
    LocalHubChannel local,
    ILogger<RealtimeSubscription> logger
) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConfigured)
        {
            return;
        }

        try
        {
            await redis.Subscriber.SubscribeAsync(RealtimeMessage.Channel, (_, value) => Receive(value));
        }
        catch (StackExchange.Redis.RedisConnectionException e)
        {
            // The multiplexer resubscribes when Redis comes back; startup never waits for it.
            LogSubscribeFailed(logger, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Receive(StackExchange.Redis.RedisValue value)
    {
        if (RealtimeMessage.FromJson(value.ToString()) is not { } message)
        {
            return;
        }

        _ = message.Kind switch
        {
            RealtimeMessage.Event when message.Envelope is { } envelope => local.SendAsync(
                message.UserId,
                envelope,
                CancellationToken.None
            ),
            RealtimeMessage.Disconnect => local.DisconnectAsync(message.UserId, CancellationToken.None),
            _ => Task.CompletedTask,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to realtime messages on Redis yet")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);
}
