using OpenTelemetry.Proto.Trace.V1;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Platform;

namespace Taskforge.IntegrationTests.Telemetry;

/// <summary>
/// The <c>Taskforge.Worker</c> process exports over OTLP too, under its own service name: the
/// delivery of the welcome mail it takes over from an API without workers reaches the collector
/// as a span, with the worker's database statements beside it.
/// </summary>
public abstract class WorkerOtlpExportTests(Func<TaskforgeApp> newApp)
{
    private const string WorkerService = "taskforge-worker";

    [Fact]
    public async Task A_delivery_by_the_worker_process_reaches_the_collector_as_a_span_of_the_worker_service()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var sink = await SmtpSink.StartAsync();
        await using var instances = new Instances(newApp);
        var api = (await instances.StartAsync()).With("Workers:Enabled", "false").WithSmtp(sink.Port);
        var user = await api.RegisterAsync();

        var environment = WorkerHostTests.WorkerEnvironment(api, sink.Port);
        environment["Telemetry__Otlp__Endpoint"] = collector.Address.ToString();
        await using var worker = ServiceProcess.StartWorker(environment);
        await worker.WaitUntilStartedAsync(TimeSpan.FromSeconds(30));
        await sink.WaitForMailAsync(user.Email, "Welcome", TimeSpan.FromSeconds(30));

        // A clean stop flushes the exporters: every span of the delivery has been sent once it exits.
        await worker.TerminateAsync();
        (await worker.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0, worker.ToString());

        var spans = collector.SpansFrom(WorkerService);
        // The welcome mail of every account on this database (the test's own among them), each sent once.
        var welcomes = spans
            .Where(s => s.Name == "deliver mail" && Attribute(s, "taskforge.event.type") == "user.registered")
            .ToList();
        welcomes.Should().NotBeEmpty($"the worker delivered the welcome mail, and exported only:\n{Names(spans)}");
        welcomes.Select(s => Attribute(s, "taskforge.event.id")).Should().OnlyHaveUniqueItems();
        var delivery = welcomes[0];
        delivery.Kind.Should().Be(Span.Types.SpanKind.Consumer);
        (delivery.Status?.Code ?? Status.Types.StatusCode.Unset).Should().NotBe(Status.Types.StatusCode.Error);
        spans
            .Should()
            .Contain(s => s.Kind == Span.Types.SpanKind.Client, "the worker's database statements are spans too");
        collector.Spans.Should().HaveCount(spans.Count, "only the worker was given the collector's address");
    }

    private static string? Attribute(Span span, string key) =>
        span.Attributes.FirstOrDefault(a => a.Key == key)?.Value.StringValue;

    private static string Names(IEnumerable<Span> spans) =>
        string.Join('\n', spans.Select(s => s.Name).Distinct().Order(StringComparer.Ordinal));
}

public sealed class SqliteWorkerOtlpExportTests() : WorkerOtlpExportTests(() => new SqliteApp());

public sealed class PostgresWorkerOtlpExportTests() : WorkerOtlpExportTests(() => new PostgresApp());
