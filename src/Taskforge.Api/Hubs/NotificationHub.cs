using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Taskforge.Api.Auth;
using Taskforge.Infrastructure.Realtime;

namespace Taskforge.Api.Hubs;

/// <summary>
/// <c>/hubs/notifications</c>: clients only listen; the server calls their <c>event</c> method
/// with the envelope of each of their user's events. SignalR groups connections by user id
/// (the NameIdentifier claim), so a connection only ever hears its own user's events.
/// </summary>
[Authorize]
public sealed partial class NotificationHub(
    HubConnections connections,
    HubPresence presence,
    ILogger<NotificationHub> logger
) : Hub
{
    public const string Route = "/hubs/notifications";
    public const string EventMethod = "event";

    public override async Task OnConnectedAsync()
    {
        var userId = Context.User!.ToCaller().UserId;
        connections.Add(userId, Context);
        if (presence.IsShared)
        {
            try
            {
                await presence.MarkAsync([userId]);
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                // The refresher marks the user again once Redis answers; the connection stands.
                LogMarkFailed(logger, e);
            }
        }

        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.User!.ToCaller().UserId, Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark a hub user as connected in Redis")]
    private static partial void LogMarkFailed(ILogger logger, Exception exception);
}
