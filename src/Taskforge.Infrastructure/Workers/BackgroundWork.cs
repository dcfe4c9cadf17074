using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        return services;
    }
}
