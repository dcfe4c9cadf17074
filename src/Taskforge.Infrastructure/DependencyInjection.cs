using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Taskforge.Application.AppVersions;
using Taskforge.Application.Auth;
using Taskforge.Application.Common;
using Taskforge.Application.Events;
using Taskforge.Application.Idempotency;
using Taskforge.Application.Notifications;
using Taskforge.Application.Projects;
using Taskforge.Application.Push;
using Taskforge.Application.Search;
using Taskforge.Application.Tasks;
using Taskforge.Application.Users;
using Taskforge.Application.Webhooks;
using Taskforge.Infrastructure.Auth;
using Taskforge.Infrastructure.Caching;
using Taskforge.Infrastructure.Outbound;
using Taskforge.Infrastructure.Persistence;
using Taskforge.Infrastructure.Persistence.Migrations;
using Taskforge.Infrastructure.Persistence.Outbox;
using Taskforge.Infrastructure.Persistence.Postgres;
using Taskforge.Infrastructure.Persistence.Sqlite;
using Taskforge.Infrastructure.Push;
using Taskforge.Infrastructure.Redis;
using Taskforge.Infrastructure.Telemetry;
using Taskforge.Infrastructure.Webhooks;
using Taskforge.Infrastructure.Workers;

namespace Taskforge.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Chooses every adapter from configuration; throws <see cref="Configuration.StartupException"/> for a bad one.</summary>
    public static IServiceCollection AddInfrastructure(
        this IServiceCollection services,
        IConfiguration configuration,
        IHostEnvironment environment
    )
    {
        DapperTypeHandlers.Register();

        // Settings are read when first resolved, from the final configuration (tests override it
        // after Program has registered services), and checked at startup by DatabaseStartup.
        services.AddSingleton(_ => DatabaseSettings.From(configuration));
        services.AddSingleton<IConnectionFactory>(sp =>
            sp.GetRequiredService<DatabaseSettings>() switch
            {
                { Provider: DatabaseProvider.Postgres } postgres => new PostgresConnectionFactory(
                    postgres.ConnectionString,
                    postgres.ConcurrentWrites
                ),
                var sqlite => new SqliteConnectionFactory(sqlite.ConnectionString),
            }
        );
        services.AddSingleton<MigrationRunner>();
        services.AddHostedService<DatabaseStartup>();
        services.AddScoped<DbSession>();
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<DbSession>());
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddSingleton<DefaultProjectIds>();
        services.AddScoped<IProjectRepository, ProjectRepository>();
        services.AddScoped<TaskRepository>();
        services.AddScoped<ITaskRepository, CachedTaskRepository>();
        services.AddScoped<ITaskHistory, TaskHistoryRepository>();
        services.AddScoped<ISearchIndex>(sp =>
            sp.GetRequiredService<IConnectionFactory>().Provider == DatabaseProvider.Postgres
                ? new PostgresSearchIndex(sp.GetRequiredService<DbSession>())
                : new SqliteSearchIndex(sp.GetRequiredService<DbSession>())
        );
        services.AddScoped<IRefreshTokenRepository, RefreshTokenRepository>();

        services.AddSingleton(_ => WorkerSettings.From(configuration));
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<IEventOutbox, EventOutbox>();
        services.AddScoped<OutboxDeliveries>();
        services.AddScoped<IDeadLetters, DeadLetterRepository>();
        services.AddScoped<INotificationSettingsRepository, NotificationSettingsRepository>();
        services.AddScoped<INotificationRepository, NotificationRepository>();
        services.AddScoped<IAppVersionPolicies, AppVersionRepository>();

        services.AddSingleton(_ => OutboundAddressPolicy.From(configuration));
        services.AddSingleton(sp => new OutboundConnector(sp.GetRequiredService<OutboundAddressPolicy>()));
        services.AddSingleton<IOutboundTargets, OutboundTargets>();
        services.AddSingleton<WebhookSignal>();
        services.AddScoped<IWebhookRepository, WebhookRepository>();
        services.AddScoped<IWebhookDeliveries, WebhookDeliveryRepository>();
        services.AddScoped<IPushSubscriptionRepository, PushSubscriptionRepository>();
        services.AddScoped<IIdempotencyKeys, IdempotencyKeyRepository>();
        services.AddSingleton<IPushService>(sp => new WebPushSender(
            VapidKeys.From(configuration, environment),
            sp.GetRequiredService<IOutboundTargets>(),
            sp.GetRequiredService<OutboundConnector>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WebPushSender>>()
        ));
        services.AddHostedService<PushStartup>();

        services.AddSingleton(_ => JwtSettings.From(configuration, environment));
        services.AddSingleton<IAccessTokens, JwtAccessTokens>();
        services.AddSingleton<IPasswordHasher>(_ => IdentityPasswordHasher.From(configuration, environment));

        services.AddSingleton(_ => new RedisConnection(configuration));
        services.AddSingleton<RedisWindowCounter>();
        services.AddSingleton(_ => CacheSettings.From(configuration));
        services.AddSingleton<ScopedCache>();
        services.AddSingleton<RenderedPages>();

        services.AddSingleton<RequestStatistics>();
        services.AddSingleton<JobRunCounters>();
        services.AddScoped<OutboxFigures>();
        services.AddScoped<PrometheusText>();

        return services;
    }
}
