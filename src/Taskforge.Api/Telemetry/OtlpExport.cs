using System.Reflection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Taskforge.Infrastructure.Telemetry;

namespace Taskforge.Api.Telemetry;

/// <summary>
/// Pushes traces and metrics over OTLP/HTTP (protobuf) while the host runs, and flushes what is
/// pending when it stops. The spans and instruments are the framework's and the drivers' own.
/// </summary>
public sealed class OtlpExport(IConfiguration configuration, IHostEnvironment environment) : IHostedService, IDisposable
{
    /// <summary>The activity sources whose spans are exported: ASP.NET Core's requests and the database commands.</summary>
    public static readonly string[] Sources = ["Microsoft.AspNetCore", "Npgsql", DatabaseTracing.SourceName];

    /// <summary>The meters exported: ASP.NET Core's own, Kestrel's, SignalR's, outgoing HTTP, Npgsql and the runtime.</summary>
    public static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Http.Connections",
        "System.Net.Http",
        "System.Runtime",
        "Npgsql",
    ];

    private TracerProvider? _tracing;
    private MeterProvider? _metrics;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (OtlpSettings.From(configuration) is not { } settings)
        {
            return Task.CompletedTask;
        }

        var resource = ResourceBuilder
            .CreateDefault()
            .AddService(
                serviceName: "taskforge",
                serviceVersion: Assembly.GetEntryAssembly()?.GetName().Version?.ToString(),
                autoGenerateServiceInstanceId: true
            )
            .AddAttributes([new("deployment.environment.name", environment.EnvironmentName)]);

        _tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(Sources)
            .AddOtlpExporter(otlp => Point(otlp, settings.Traces))
            .Build();

        _metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(Meters)
            .AddOtlpExporter(otlp => Point(otlp, settings.Metrics))
            .Build();
        return Task.CompletedTask;
    }

    /// <summary>Disposing flushes: the spans and figures of the last seconds reach the collector.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _tracing?.Dispose();
        _tracing = null;
        _metrics?.Dispose();
        _metrics = null;
    }

    // Set in code, the endpoint is the full address: the exporter appends no /v1/... path itself.
    private static void Point(OtlpExporterOptions otlp, Uri address)
    {
        otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
        otlp.Endpoint = address;
    }
}
