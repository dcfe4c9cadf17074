using Microsoft.Extensions.DependencyInjection.Extensions;
using Taskforge.Api.Auth;
using Taskforge.Application.Notifications;
using Taskforge.Infrastructure.Realtime;
using Taskforge.Infrastructure.Redis;

namespace Taskforge.Api.Hubs;

public static partial class RealtimeSetup
{
    /// <summary>
    /// The hub, and the channel the hub consumer sends through: Redis pub/sub when configured
    /// (every instance's subscription reaches its own connections), else this process's hub.
    /// </summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<HubConnections>();
        services.AddSingleton<LocalHubChannel>();
        services.AddHostedService<RealtimeSubscription>();
        services.AddHostedService<HubPresenceRefresher>();
        services.Replace(
            ServiceDescriptor.Singleton<IRealtimeChannel>(sp =>
                sp.GetRequiredService<RedisConnection>().IsConfigured
                    ? ActivatorUtilities.CreateInstance<RedisRealtimeChannel>(sp)
                    : sp.GetRequiredService<LocalHubChannel>()
            )
        );
        return services;
    }

    /// <summary>
    /// After authorization: a user's hub requests (negotiate, and the connection itself) mark them
    /// as connected before SignalR answers the handshake, so no event of theirs that follows it
    /// is fanned out as if nobody could hear it.
    /// </summary>
    public static WebApplication UseHubPresence(this WebApplication app)
    {
        app.Use(MarkPresenceAsync);
        return app;
    }

    // No request timeout: a hub connection (WebSocket, Server-Sent Events) lives for hours.
    public static void MapRealtime(this WebApplication app) =>
        app.MapHub<NotificationHub>(NotificationHub.Route).RequireAuthorization().DisableRequestTimeout();

    private static async Task MarkPresenceAsync(HttpContext context, RequestDelegate next)
    {
        if (
            context.Request.Path.StartsWithSegments(NotificationHub.Route)
            && context.User.Identity?.IsAuthenticated == true
        )
        {
            var userId = context.User.ToCaller().UserId;
            context.RequestServices.GetRequiredService<HubConnections>().MarkConnecting(userId);
            var presence = context.RequestServices.GetRequiredService<HubPresence>();
            if (presence.IsReachable)
            {
                try
                {
                    await presence.MarkAsync([userId]);
                }
                catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
                {
                    // The refresher marks the user again once Redis answers; the connection goes on.
                    LogMarkFailed(context.RequestServices.GetRequiredService<ILogger<HubConnections>>(), e);
                }
            }
        }

        await next(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark a hub user as connected in Redis")]
    private static partial void LogMarkFailed(ILogger logger, Exception exception);
}
