using System.Diagnostics;
using Taskforge.Api.Telemetry;
using Taskforge.Infrastructure.Telemetry;

namespace Taskforge.Api.Http;

/// <summary>
/// Times every request by method, route template (never the raw path, which carries ids) and
/// final status, and serves the figures at <c>/metrics</c> in Prometheus text format.
/// </summary>
public static class RequestMetrics
{
    public static IServiceCollection AddRequestMetrics(this IServiceCollection services) =>
        services.AddHostedService<RequestStatisticsFlusher>();

    /// <summary>Outermost, so the status it records is the one the client received, problems included.</summary>
    public static WebApplication UseRequestMetrics(this WebApplication app)
    {
        var statistics = app.Services.GetRequiredService<RequestStatistics>();
        app.Use(
            async (context, next) =>
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await next(context);
                }
                finally
                {
                    var route = RouteTemplate.Of(context);
                    statistics.Record(
                        context.Request.Method,
                        route,
                        context.Response.StatusCode,
                        Stopwatch.GetElapsedTime(started).TotalSeconds
                    );
                }
            }
        );
        return app;
    }

    public static void MapMetrics(this WebApplication app) =>
        app.MapGet(
                "/metrics",
                async (PrometheusText prometheus, CancellationToken ct) =>
                    TypedResults.Text(await prometheus.RenderAsync(ct), PrometheusText.ContentType)
            )
            .WithTags("Operations")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .WithSummary("Prometheus text exposition of this instance (keep it closed to the outside).");
}
