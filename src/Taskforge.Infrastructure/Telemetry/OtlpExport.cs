using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Taskforge.Infrastructure.Telemetry;

/// <summary>
/// What a host exports: the service name a collector files it under, and the activity sources
/// and meters it subscribes to (the framework's and the drivers' own, plus Taskforge's few).
/// </summary>
public sealed record OtlpSignals(string ServiceName, IReadOnlyList<string> Sources, IReadOnlyList<string> Meters)
{
    /// <summary>The spans of work any host does: database commands and outbox deliveries.</summary>
    public static readonly string[] BackgroundSources =
    [
        "Npgsql",
        DatabaseTracing.SourceName,
        DeliveryTracing.SourceName,
    ];

    /// <summary>The meters of any host: outgoing HTTP (webhooks), Npgsql and the runtime.</summary>
    public static readonly string[] BackgroundMeters = ["System.Net.Http", "System.Runtime", "Npgsql"];
}

/// <summary>
/// Pushes traces and metrics over OTLP/HTTP (protobuf) while the host runs, and flushes what is
/// pending when it stops. The spans and instruments are the framework's and the drivers' own.
/// </summary>
public sealed partial class OtlpExport(
    IConfiguration configuration,
    IHostEnvironment environment,
    OtlpSignals signals,
    ILogger<OtlpExport> logger
) : IHostedService, IDisposable
{
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
                serviceName: signals.ServiceName,
                serviceVersion: Assembly.GetEntryAssembly()?.GetName().Version?.ToString(),
                autoGenerateServiceInstanceId: true
            )
            .AddAttributes([new("deployment.environment.name", environment.EnvironmentName)]);

        // The SDK reads the standard OTEL_* settings (OTEL_METRIC_EXPORT_INTERVAL,
        // OTEL_EXPORTER_OTLP_HEADERS, ...) from the host's configuration, so appsettings and
        // command-line arguments can set them too, not only environment variables.
        _tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => services.AddSingleton(configuration))
            .SetResourceBuilder(resource)
            .AddSource([.. signals.Sources])
            .AddOtlpExporter(otlp => Point(otlp, settings.Traces))
            .Build();

        _metrics = Sdk.CreateMeterProviderBuilder()
            .ConfigureServices(services => services.AddSingleton(configuration))
            .SetResourceBuilder(resource)
            .AddMeter([.. signals.Meters])
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
        DisposeTolerantly(_tracing, "tracer");
        _tracing = null;
        DisposeTolerantly(_metrics, "meter");
        _metrics = null;
    }

    // OpenTelemetry 1.20.1: detaching a provider's listener while other threads start activities
    // or create instruments sometimes throws NullReferenceException from its Dispose (seen in the
    // test process, where many hosts run at once: the tracer's first, the meter's on 3 December),
    // after what was pending was flushed. Stopping must go on, and the other provider's flush too.
    private void DisposeTolerantly(IDisposable? provider, string kind)
    {
        try
        {
            provider?.Dispose();
        }
        catch (NullReferenceException e)
        {
            LogTeardownFailed(logger, kind, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The OTLP {Kind} provider failed while shutting down")]
    private static partial void LogTeardownFailed(ILogger logger, string kind, Exception exception);

    // Set in code, the endpoint is the full address: the exporter appends no /v1/... path itself.
    private static void Point(OtlpExporterOptions otlp, Uri address)
    {
        otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
        otlp.Endpoint = address;
    }
}

public static class OtlpExportSetup
{
    /// <summary>
    /// Reads <c>Telemetry:Otlp:Endpoint</c> when the host starts (a bad address stops it with a
    /// <see cref="Configuration.StartupException"/>); without it, nothing is exported at all.
    /// </summary>
    public static IServiceCollection AddOtlpExport(this IServiceCollection services, OtlpSignals signals)
    {
        services.AddSingleton(signals);

        // First of the hosted services, wherever this is called: hosts start them in order and stop
        // them in reverse, so the exporters listen before the first delivery starts and flush after
        // the last one in flight at shutdown has ended (registered after the outbox dispatcher, the
        // exporters were gone before its last spans ended, and those spans were lost).
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, OtlpExport>());
        return services;
    }
}
