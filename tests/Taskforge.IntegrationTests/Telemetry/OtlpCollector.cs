using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Metrics.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace Taskforge.IntegrationTests.Telemetry;

/// <summary>
/// A minimal OTLP/HTTP collector on loopback (real Kestrel): it accepts protobuf exports at
/// <c>/v1/traces</c> and <c>/v1/metrics</c>, decodes them with the official message definitions
/// and keeps every span (with its resource's <c>service.name</c>) and metric.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private const string Protobuf = "application/x-protobuf";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Service, Span Span)> _spans = new();
    private readonly ConcurrentQueue<Metric> _metrics = new();
    private readonly ConcurrentQueue<string> _contentTypes = new();

    private OtlpCollector(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<Span> Spans => [.. _spans.Select(exported => exported.Span)];

    /// <summary>The spans whose resource says <c>service.name</c> is <paramref name="service"/>.</summary>
    public IReadOnlyList<Span> SpansFrom(string service) =>
        [.. _spans.Where(exported => exported.Service == service).Select(exported => exported.Span)];

    public IReadOnlyList<Metric> Metrics => [.. _metrics];

    public IReadOnlyList<string> ContentTypes => [.. _contentTypes];

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var collector = new OtlpCollector(app);
        app.MapPost(
            "/v1/traces",
            async (HttpRequest request) =>
            {
                collector._contentTypes.Enqueue(request.ContentType ?? "");
                var export = ExportTraceServiceRequest.Parser.ParseFrom(await ReadAsync(request));
                foreach (var resource in export.ResourceSpans)
                {
                    var service = resource
                        .Resource.Attributes.FirstOrDefault(a => a.Key == "service.name")
                        ?.Value.StringValue;
                    foreach (var span in resource.ScopeSpans.SelectMany(s => s.Spans))
                    {
                        collector._spans.Enqueue((service ?? "", span));
                    }
                }

                return Results.Bytes(new ExportTraceServiceResponse().ToByteArray(), Protobuf);
            }
        );
        app.MapPost(
            "/v1/metrics",
            async (HttpRequest request) =>
            {
                collector._contentTypes.Enqueue(request.ContentType ?? "");
                var export = ExportMetricsServiceRequest.Parser.ParseFrom(await ReadAsync(request));
                foreach (
                    var metric in export.ResourceMetrics.SelectMany(r => r.ScopeMetrics).SelectMany(s => s.Metrics)
                )
                {
                    collector._metrics.Enqueue(metric);
                }

                return Results.Bytes(new ExportMetricsServiceResponse().ToByteArray(), Protobuf);
            }
        );
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        collector.Address = new Uri(address.Single());
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<byte[]> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
