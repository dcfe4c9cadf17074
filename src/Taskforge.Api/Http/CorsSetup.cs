using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Taskforge.Api.Http;

/// <summary>
/// Cross-origin access for browser apps on the origins in <c>Cors:AllowedOrigins:N</c> only, with
/// credentials (the hub's transports send them); none configured means no cross-origin access.
/// </summary>
public static class CorsSetup
{
    public static IServiceCollection AddTaskforgeCors(this IServiceCollection services)
    {
        services.AddCors();
        services
            .AddOptions<CorsOptions>()
            .Configure<IConfiguration>(
                (options, configuration) =>
                {
                    var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
                    options.AddDefaultPolicy(policy =>
                    {
                        if (origins.Length == 0)
                        {
                            return;
                        }

                        policy
                            .WithOrigins(origins)
                            .AllowCredentials()
                            .AllowAnyHeader()
                            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
                            .WithExposedHeaders("ETag", "Location", "Retry-After", "RateLimit", "RateLimit-Policy")
                            .SetPreflightMaxAge(TimeSpan.FromHours(1));
                    });
                }
            );
        return services;
    }
}
