using System.Diagnostics;
using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Platform;

/// <summary><c>/metrics</c> speaks Prometheus text (checked by promtool) and counts what the contract lists.</summary>
public abstract class MetricsTests(TaskforgeApp app)
{
    [Fact]
    public async Task Metrics_are_valid_prometheus_text_with_requests_by_route_template_cache_outbox_jobs_and_runtime()
    {
        var user = await app.RegisterAsync();
        var created = await user.Client.PostJsonAsync("/api/v1/tasks", new { title = "measured" });
        created.EnsureStatus(HttpStatusCode.Created);
        await user.Client.GetAsync(created.Headers.Location!.ToString());
        await user.Client.GetAsync(created.Headers.Location!.ToString());
        await app.CreateClient().GetAsync("/no/such/route");

        var response = await app.CreateClient().GetAsync("/metrics");

        response.EnsureStatus(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().StartWith("text/plain; version=0.0.4");
        var text = await response.Content.ReadAsStringAsync();
        text.Should()
            .Contain(
                "http_server_request_duration_seconds_count{method=\"POST\",route=\"/api/v1/tasks/\",status=\"201\"}"
            )
            .And.Contain("route=\"/api/v1/tasks/{id:guid}\",status=\"200\"")
            .And.Contain("route=\"unmatched\",status=\"404\"")
            .And.Contain("taskforge_cache_hits_total ")
            .And.Contain("taskforge_cache_misses_total ")
            .And.Contain("taskforge_events_waiting ")
            .And.Contain("taskforge_events_oldest_waiting_age_seconds ")
            .And.Contain("taskforge_dead_letters ")
            .And.Contain("# TYPE taskforge_job_runs_total counter")
            .And.Contain("process_cpu_seconds_total ")
            .And.Contain("dotnet_gc_collections_total{generation=\"0\"}");
        text.Should()
            .NotContain(created.Headers.Location!.ToString(), "routes are templates, never raw paths with ids");
        await PromtoolAcceptsAsync(text);
    }

    private static async Task PromtoolAcceptsAsync(string text)
    {
        var promtool = new ProcessStartInfo("promtool", "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process =
            Process.Start(promtool)
            ?? throw new InvalidOperationException("promtool (Debian package prometheus) is missing.");
        await process.StandardInput.WriteAsync(text);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, output);
    }
}

public sealed class SqliteMetricsTests(SqliteApp app) : MetricsTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresMetricsTests(PostgresApp app) : MetricsTests(app), IClassFixture<PostgresApp>;
