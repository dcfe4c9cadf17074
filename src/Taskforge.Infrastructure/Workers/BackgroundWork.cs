using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Taskforge.Application.Events;
using Taskforge.Infrastructure.Messaging;
using Taskforge.Infrastructure.Persistence.Outbox;

namespace Taskforge.Infrastructure.Workers;

public static class BackgroundWork
{
    /// <summary>
    /// The event consumers, and the loops that feed them (outbox delivery, schedules). The loops
    /// run only where <c>Workers:Enabled</c> is true; the API registers them all the same, so a
    /// test or an operator can switch them by configuration alone.
    /// </summary>
    public static IServiceCollection AddBackgroundWork(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddHostedService<OutboxDispatcher>();

        // Inert without ConnectionStrings:RabbitMq (read when first resolved, as tests set it late);
        // as a hosted service it checks the URI at startup, and never waits for the broker.
        services.AddSingleton<RabbitMqConnection>();
        services.AddHostedService(sp => sp.GetRequiredService<RabbitMqConnection>());
        services.AddSingleton<IEventConsumer, RabbitMqPublisher>();
        return services;
    }
}
