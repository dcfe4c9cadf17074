using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Taskforge.Api.Auth;

namespace Taskforge.Api.Hubs;

/// <summary>
/// <c>/hubs/notifications</c>: clients only listen; the server calls their <c>event</c> method
/// with the envelope of each of their user's events. SignalR groups connections by user id
/// (the NameIdentifier claim), so a connection only ever hears its own user's events.
/// </summary>
[Authorize]
public sealed class NotificationHub(HubConnections connections) : Hub
{
    public const string Route = "/hubs/notifications";
    public const string EventMethod = "event";

    public override Task OnConnectedAsync()
    {
        connections.Add(Context.User!.ToCaller().UserId, Context);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.User!.ToCaller().UserId, Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
