using System.Globalization;
using System.Net;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;

namespace Taskforge.IntegrationTests.Jobs;

/// <summary>
/// The system report is written under data/reports/ of the working directory and mailed to every
/// administrator. Both providers write the same file name, so their tests never run at once.
/// </summary>
public abstract class SystemReportTests(Func<TaskforgeApp> newApp)
{
    public const string Collection = "data/reports of the test process";

    [Fact]
    public async Task The_report_is_kept_under_data_reports_and_mailed_to_every_administrator()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithFastWorkers().WithSmtp(sink.Port);
        var admin = await app.AdminAsync();
        var secondAdmin = await app.RegisterAsync();
        (await admin.Client.PatchJsonAsync($"/api/v1/users/{secondAdmin.Id}", new { role = "admin" })).EnsureStatus(
            HttpStatusCode.OK
        );
        var user = await app.RegisterAsync();
        await user.Client.CreateTaskAsync(new { title = "Done this week", completed = true });
        await user.Client.CreateTaskAsync("Still open");
        var reports = Path.Combine(Directory.GetCurrentDirectory(), "data", "reports");
        DeleteReportsOf(reports, DateTime.UtcNow);

        var job = await admin.RunAsync("system-report");
        var path = Path.Combine(reports, $"{Date(job.LastRunAt()!.Value)}.md");
        try
        {
            job.LastStatus().Should().Be("succeeded");
            File.Exists(path).Should().BeTrue($"the report is kept as {path}");
            var markdown = await File.ReadAllTextAsync(path);
            markdown.Should().StartWith($"# Taskforge system report {Date(job.LastRunAt()!.Value)}");
            markdown
                .Should()
                .ContainAll(
                    "| figure | value |",
                    "| users | 3 |",
                    "| new users | 3 |",
                    "| tasks created | 2 |",
                    "| tasks completed | 1 |",
                    "| requests |",
                    "| error rate (5xx) |",
                    "| p95 latency |"
                );

            var subject = $"Taskforge system report {Date(job.LastRunAt()!.Value)}";
            foreach (var to in new[] { TaskforgeApp.AdminEmail, secondAdmin.Email })
            {
                var mail = await sink.WaitForMailAsync(to, subject);
                mail.Text.Should().Contain("| users | 3 |");
            }

            (await app.EventCountAsync(user.Id, "internal.system_report")).Should().Be(0, "only administrators get it");
            (await app.EventCountAsync(secondAdmin.Id, "internal.system_report")).Should().Be(1);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Date(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // A report left by an earlier run would let the test pass without the job writing one.
    private static void DeleteReportsOf(string folder, DateTime now)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var day in new[] { now, now.AddDays(1) })
        {
            File.Delete(Path.Combine(folder, $"{Date(day)}.md"));
        }
    }
}

[Collection(SystemReportTests.Collection)]
public sealed class SqliteSystemReportTests() : SystemReportTests(() => new SqliteApp());

[Collection(SystemReportTests.Collection)]
public sealed class PostgresSystemReportTests() : SystemReportTests(() => new PostgresApp());
