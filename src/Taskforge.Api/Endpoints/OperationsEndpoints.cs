using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Taskforge.Api.Contracts;
using Taskforge.Infrastructure.Persistence;

namespace Taskforge.Api.Endpoints;

public static class OperationsEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapOperationsEndpoints(this WebApplication app)
    {
        var health = app.MapGroup("/health").WithTags("Operations");
        health
            .MapGet("/live", () => TypedResults.Ok(new HealthResponse("Healthy")))
            .WithSummary("200 while the process runs.");
        health
            .MapGet("/ready", Ready)
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("200 when the database answers, 503 when it does not.");
        return app;
    }

    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> Ready(
        HealthCheckService checks,
        CancellationToken ct
    )
    {
        var report = await checks.CheckHealthAsync(check => check.Tags.Contains(ReadyTag), ct);
        var body = new HealthResponse(report.Status.ToString());
        return report.Status == HealthStatus.Healthy
            ? TypedResults.Ok(body)
            : TypedResults.Json(
                body,
                ApiJson.Default.HealthResponse,
                statusCode: StatusCodes.Status503ServiceUnavailable
            );
    }
}
