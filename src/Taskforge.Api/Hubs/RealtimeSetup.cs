using Microsoft.Extensions.DependencyInjection.Extensions;
using Taskforge.Application.Notifications;
using Taskforge.Infrastructure.Realtime;
using Taskforge.Infrastructure.Redis;

namespace Taskforge.Api.Hubs;

public static class RealtimeSetup
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

    // No request timeout: a hub connection (WebSocket, Server-Sent Events) lives for hours.
    public static void MapRealtime(this WebApplication app) =>
        app.MapHub<NotificationHub>(NotificationHub.Route).RequireAuthorization().DisableRequestTimeout();
}
