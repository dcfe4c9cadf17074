using System.Net;
using Google.Protobuf;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Telemetry;

/// <summary>
/// With <c>Telemetry:Otlp:Endpoint</c> set, the service pushes real OTLP/HTTP protobuf: a span per
/// request named after its route, a database child span in the same trace, and ASP.NET Core's metrics
/// at the interval the standard <c>OTEL_METRIC_EXPORT_INTERVAL</c> setting gives in its configuration
/// (and spans at the <c>OTEL_BSP_SCHEDULE_DELAY</c> it gives).
/// </summary>
public abstract class OtlpExportTests(Func<TaskforgeApp> newApp)
{
    private const string Route = "/api/v1/tasks/{id:guid}";

    [Fact]
    public async Task A_request_reaches_the_collector_as_a_server_span_with_its_database_child_span_and_metrics()
    {
        await using var collector = await OtlpCollector.StartAsync();
        var traceId = ActivityTraceIdHex();
        var app = newApp()
            .With("Telemetry:Otlp:Endpoint", collector.Address.ToString())
            .With("OTEL_METRIC_EXPORT_INTERVAL", "200")
            .With("OTEL_BSP_SCHEDULE_DELAY", "200");
        await app.InitializeAsync();
        try
        {
            var user = await app.RegisterAsync();
            var created = await user.Client.PostJsonAsync("/api/v1/tasks", new { title = "traced" });
            created.EnsureStatus(HttpStatusCode.Created);
            var id = (await created.JsonAsync()).GetProperty("id").GetString();

            // A write, so the database is certainly involved (a read may come from the cache).
            using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/tasks/{id}")
            {
                Content = JsonContent.Create(new { title = "traced again" }),
            };
            patch.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
            (await user.Client.SendAsync(patch)).EnsureStatus(HttpStatusCode.OK);

            // Spans and metrics arrive while the service runs (the defaults are every 5 s and 60 s;
            // this host's configuration says 200 ms). Waiting for them here, rather than for the
            // flush at stop, keeps the check off the teardown of the process's many other hosts:
            // on a busy CI machine that flush once sent this trace without its server span.
            await Deadline.WaitUntilAsync(
                () =>
                    Task.FromResult(
                        collector.Metrics.Any(m => m.Name == "http.server.request.duration")
                            && collector.Spans.Any(s =>
                                Hex(s.TraceId) == traceId && s.Kind == Span.Types.SpanKind.Server
                            )
                    ),
                TimeSpan.FromSeconds(20),
                "http.server.request.duration and the PATCH's server span at the collector"
            );
        }
        finally
        {
            // Stopping the host flushes the exporters: the database spans, if still pending, are sent.
            await ((IAsyncLifetime)app).DisposeAsync();
        }

        collector.ContentTypes.Should().OnlyContain(type => type == "application/x-protobuf");
        var trace = collector.Spans.Where(s => Hex(s.TraceId) == traceId).ToList();
        var request = trace
            .Should()
            .ContainSingle(s => s.Kind == Span.Types.SpanKind.Server, $"one server span in trace {traceId}")
            .Subject;
        request.Name.Should().Be($"PATCH {Route}");
        Attribute(request, "http.route").Should().Be(Route);
        Attribute(request, "http.request.method").Should().Be("PATCH");
        Attribute(request, "http.response.status_code").Should().Be("200");
        Hex(request.ParentSpanId).Should().Be("00f067aa0ba902b7", "the caller's traceparent is honoured");

        var database = trace
            .Where(s => s.Kind == Span.Types.SpanKind.Client && DescendsFrom(s, request, trace))
            .ToList();
        database.Should().NotBeEmpty("the request's statements are spans under it, in the same trace");
        database.Should().OnlyContain(s => s.EndTimeUnixNano <= request.EndTimeUnixNano);
    }

    private static string ActivityTraceIdHex() => Guid.NewGuid().ToString("N");

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    private static string? Attribute(Span span, string key) =>
        span.Attributes.FirstOrDefault(a => a.Key == key)?.Value is { } value ? Text(value) : null;

    private static string Text(AnyValue value) =>
        value.ValueCase switch
        {
            AnyValue.ValueOneofCase.StringValue => value.StringValue,
            AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(
                System.Globalization.CultureInfo.InvariantCulture
            ),
            _ => value.ToString(),
        };

    private static bool DescendsFrom(Span span, Span ancestor, IReadOnlyList<Span> trace)
    {
        for (var current = span; current.ParentSpanId.Length > 0; )
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }

            var parent = trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId);
            if (parent is null)
            {
                return false;
            }

            current = parent;
        }

        return false;
    }
}

public sealed class SqliteOtlpExportTests() : OtlpExportTests(() => new SqliteApp());

public sealed class PostgresOtlpExportTests() : OtlpExportTests(() => new PostgresApp());
