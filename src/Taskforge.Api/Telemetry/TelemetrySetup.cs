using Microsoft.Extensions.Logging.Console;
using Taskforge.Infrastructure.Telemetry;

namespace Taskforge.Api.Telemetry;

/// <summary>
/// What an operator sees of a running instance besides <c>/metrics</c>: one log line per request,
/// the trace id on every JSON log line, and, when <c>Telemetry:Otlp:Endpoint</c> is set, traces
/// and metrics pushed to an OTLP collector.
/// </summary>
public static class TelemetrySetup
{
    private const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>The name an OTLP collector files the API's traces and metrics under.</summary>
    public const string ServiceName = "taskforge";

    /// <summary>ASP.NET Core's request spans, besides the background ones every host exports.</summary>
    private static readonly string[] RequestSources = ["Microsoft.AspNetCore"];

    /// <summary>ASP.NET Core's own meters, Kestrel's and SignalR's.</summary>
    private static readonly string[] RequestMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Http.Connections",
    ];

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        // Its "Request starting" lines carry the query string, where the hub's access_token travels;
        // RequestLog writes the request line instead. The console rule holds even when an operator
        // lowers the console's own default level (a provider's rules outrank the general ones).
        builder.Logging.AddFilter(HostingDiagnostics, LogLevel.Warning);
        builder.Logging.AddFilter<ConsoleLoggerProvider>(HostingDiagnostics, LogLevel.Warning);

        // Scopes carry the trace and span ids (and the request path, never its query string).
        builder.Services.Configure<JsonConsoleFormatterOptions>(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });

        // First in the pipeline, so it sees the final status of every request, problems included.
        builder.Services.AddTransient<IStartupFilter, RequestLogStartup>();

        builder.Services.AddOtlpExport(
            new OtlpSignals(
                ServiceName,
                [.. RequestSources, .. OtlpSignals.BackgroundSources],
                [.. RequestMeters, .. OtlpSignals.BackgroundMeters]
            )
        );

        return builder;
    }

    private sealed class RequestLogStartup : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
            app =>
            {
                app.UseMiddleware<RequestLog>();
                next(app);
            };
    }
}
