using Taskforge.Infrastructure.Realtime;
using Taskforge.Infrastructure.Redis;

namespace Taskforge.Api.Hubs;

/// <summary>
/// Every <see cref="HubPresence.RefreshEvery"/>: forgets this process's run-out connecting marks,
/// and with Redis marks its connected users there again (at once, too, when Redis comes back: a
/// restarted Redis has lost the marks), so that their events keep getting hub deliveries
/// whichever process fans them out.
/// </summary>
public sealed partial class HubPresenceRefresher(
    RedisConnection redis,
    HubPresence presence,
    HubConnections connections,
    ILogger<HubPresenceRefresher> logger
) : BackgroundService
{
    private readonly SemaphoreSlim _restored = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.Restored += OnRestored;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _restored.WaitAsync(HubPresence.RefreshEvery, stoppingToken);
                await MarkConnectedUsersAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            redis.Restored -= OnRestored;
        }
    }

    public override void Dispose()
    {
        _restored.Dispose();
        base.Dispose();
    }

    private void OnRestored()
    {
        try
        {
            _restored.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken: each of the multiplexer's connections reports its own restore.
        }
    }

    private async Task MarkConnectedUsersAsync()
    {
        connections.Prune();
        if (!presence.IsShared)
        {
            return;
        }

        try
        {
            await presence.MarkAsync(connections.Users);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            LogRefreshFailed(logger, e);
        }
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Could not mark this instance's hub users as connected in Redis"
    )]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
