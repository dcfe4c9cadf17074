using Taskforge.Api.Auth;
using Taskforge.Api.Endpoints;
using Taskforge.Api.Http;
using Taskforge.Api.Hubs;
using Taskforge.Api.RateLimiting;
using Taskforge.Api.Telemetry;
using Taskforge.Application;
using Taskforge.Infrastructure;
using Taskforge.Infrastructure.Configuration;
using Taskforge.Infrastructure.Workers;

try
{
    var builder = WebApplication.CreateBuilder(args);

    // A failed start is reported once, as one line, by the catch below.
    builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

    // Structured (JSON) logs wherever a machine reads them; plain text for a person at a terminal.
    if (!builder.Environment.IsDevelopment())
    {
        builder.Logging.ClearProviders().AddJsonConsole(json => json.UseUtcTimestamp = true);
    }

    builder.Configuration.AddSecretsDirectory();
    builder.AddTelemetry();
    builder.AddHttpConventions();
    builder.AddServerLimits();
    builder.Services.AddApplication();
    builder.Services.AddInfrastructure(builder.Configuration, builder.Environment);
    builder.Services.AddBackgroundWork(builder.Configuration);
    builder.Services.AddRealtime();
    builder.Services.AddTaskforgeCors();
    builder.Services.AddRequestMetrics();
    builder.Services.AddBearerAuthentication();
    builder.Services.AddTaskforgeRateLimiting(builder.Configuration);
    builder.Services.AddHealth();
    builder.Services.AddApiDocs();
    builder.Services.AddSingleton<AppVersionPolicyCache>();

    var app = builder.Build();

    app.UseRequestMetrics();
    app.UseSecurityHeaders();
    app.UseTrustedForwardedHeaders();
    app.UseV1Deprecation();
    app.UseHttpConventions();
    app.UseRequestTimeouts();
    app.UseCors();
    app.UseClientVersionGate();
    app.UseAuthentication();
    app.UseTaskforgeRateLimiting();
    app.UseAuthorization();
    app.UseHubPresence();
    app.UseIdempotencyKeys();

    foreach (var version in ApiVersions.All)
    {
        var api = app.MapGroup(ApiVersions.Prefix(version)).WithGroupName(ApiVersions.Name(version));
        api.MapAuthEndpoints();
        api.MapUserEndpoints();
        api.MapProjectEndpoints();
        api.MapTaskEndpoints(version);
        api.MapSearchEndpoints();
        api.MapNotificationEndpoints();
        api.MapWebhookEndpoints();
        api.MapPushEndpoints();
        api.MapAdminEndpoints();
        api.MapAppVersionEndpoints();
    }

    app.MapRealtime();
    app.MapOperationsEndpoints();
    app.MapMetrics();
    app.MapApiDocs();

    await app.RunAsync();
    return 0;
}
catch (StartupException e)
{
    await Console.Error.WriteLineAsync($"Taskforge cannot start: {e.Message}");
    return 1;
}

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
