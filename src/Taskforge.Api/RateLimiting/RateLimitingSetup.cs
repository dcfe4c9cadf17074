using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Taskforge.Infrastructure.Redis;

namespace Taskforge.Api.RateLimiting;

public static class RateLimitingSetup
{
    public static IServiceCollection AddTaskforgeRateLimiting(
        this IServiceCollection services,
        IConfiguration configuration
    )
    {
        services.AddSingleton(_ =>
            configuration.GetSection("RateLimiting").Get<RateLimitSettings>() ?? new RateLimitSettings()
        );
        services.AddSingleton(sp => new RateLimitPartitions(
            sp.GetRequiredService<RateLimitSettings>(),
            sp.GetRequiredService<RedisConnection>().IsConfigured ? sp.GetRequiredService<RedisWindowCounter>() : null,
            sp.GetRequiredService<ILoggerFactory>()
        ));

        services.AddRateLimiter(_ => { });
        services
            .AddOptions<RateLimiterOptions>()
            .Configure<RateLimitPartitions, RateLimitSettings>(
                (options, partitions, settings) =>
                {
                    options.GlobalLimiter = System.Threading.RateLimiting.PartitionedRateLimiter.Create<
                        HttpContext,
                        string
                    >(partitions.Partition);
                    options.OnRejected = (rejected, _) => RateLimitPartitions.WriteRejectionAsync(rejected, settings);
                }
            );

        // The client IP comes from X-Forwarded-For only when the direct peer is a configured proxy.
        // With no proxy configured the headers are not read at all: the middleware would trust
        // every peer when its lists are empty, and both lists start out holding loopback.
        services
            .AddOptions<ForwardedHeadersOptions>()
            .Configure<RateLimitSettings>(
                (options, settings) =>
                {
                    options.KnownIPNetworks.Clear();
                    options.KnownProxies.Clear();
                    foreach (var proxy in settings.TrustedProxies)
                    {
                        options.KnownProxies.Add(IPAddress.Parse(proxy));
                    }

                    options.ForwardedHeaders =
                        options.KnownProxies.Count > 0
                            ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                            : ForwardedHeaders.None;
                }
            );
        return services;
    }

    /// <summary>Runs after authentication, so authenticated calls are counted per user.</summary>
    public static WebApplication UseTaskforgeRateLimiting(this WebApplication app)
    {
        if (app.Services.GetRequiredService<RateLimitSettings>().Enabled)
        {
            app.UseRateLimiter();
        }

        return app;
    }

    public static WebApplication UseTrustedForwardedHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }
}
