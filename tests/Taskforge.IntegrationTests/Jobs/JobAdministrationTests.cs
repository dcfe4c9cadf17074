using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Jobs;

/// <summary>Administrators see the scheduled jobs and run one now; a run is made once, and a missed schedule once after a restart.</summary>
public abstract class JobAdministrationTests(Func<TaskforgeApp> newApp)
{
    private const string WeeklySummary = "internal.weekly_summary";

    [Fact]
    public async Task The_jobs_list_shows_the_four_jobs_with_their_schedule_state_and_configuration()
    {
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync())
            .WithFastWorkers()
            .With("Jobs:purge:Cron", "0 0 0 1 1 ? 2099")
            .With("Jobs:system-report:Enabled", "false");
        var admin = await app.AdminAsync();

        var jobs = await admin.JobsAsync();
        var now = DateTimeOffset.UtcNow;

        jobs.Keys.Should().BeEquivalentTo("due-reminders", "purge", "weekly-summary", "system-report");

        var dueReminders = jobs["due-reminders"];
        dueReminders.GetProperty("cron").GetString().Should().Be("0 * * * * ?");
        dueReminders.GetProperty("enabled").GetBoolean().Should().BeTrue();
        var nextMinute = dueReminders.NextRunAt()!.Value;
        nextMinute.Second.Should().Be(0);
        nextMinute.Should().BeAfter(now.AddSeconds(-5)).And.BeOnOrBefore(now.AddMinutes(1));

        var purge = jobs["purge"];
        purge.GetProperty("cron").GetString().Should().Be("0 0 0 1 1 ? 2099");
        purge.GetProperty("enabled").GetBoolean().Should().BeTrue();
        purge.NextRunAt().Should().Be(new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero));
        purge.LastRunAt().Should().BeNull();
        purge.LastStatus().Should().BeNull();

        var weekly = jobs["weekly-summary"];
        weekly.GetProperty("cron").GetString().Should().Be("0 0 8 ? * MON");
        weekly.GetProperty("enabled").GetBoolean().Should().BeTrue();
        var monday = weekly.NextRunAt()!.Value;
        monday.DayOfWeek.Should().Be(DayOfWeek.Monday);
        monday.TimeOfDay.Should().Be(TimeSpan.FromHours(8));
        monday.Should().BeAfter(now.AddSeconds(-5)).And.BeOnOrBefore(now.AddDays(7));

        var report = jobs["system-report"];
        report.GetProperty("cron").GetString().Should().Be("0 0 3 ? * SUN");
        report.GetProperty("enabled").GetBoolean().Should().BeFalse();
        report.NextRunAt().Should().BeNull();
        report.LastRunAt().Should().BeNull();
    }

    [Fact]
    public async Task Only_administrators_see_and_run_jobs_and_an_unknown_job_is_404()
    {
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithFastWorkers();
        var user = await app.RegisterAsync();
        var anonymous = app.CreateClient();

        await (await anonymous.GetAsync(JobsApi.Jobs)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsync($"{JobsApi.Jobs}/purge/run", null)).ShouldBeProblemAsync(
            HttpStatusCode.Unauthorized
        );
        await (await user.Client.GetAsync(JobsApi.Jobs)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await user.Client.PostAsync($"{JobsApi.Jobs}/purge/run", null)).ShouldBeProblemAsync(
            HttpStatusCode.Forbidden
        );
        (await app.CountAsync("SELECT COUNT(*) FROM job_schedules WHERE requested_at IS NOT NULL"))
            .Should()
            .Be(0, "a refused request asks for no run");

        var admin = await app.AdminAsync();
        await (await admin.Client.PostAsync($"{JobsApi.Jobs}/no-such-job/run", null)).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );
    }

    [Fact]
    public async Task Run_answers_202_and_runs_the_job_once()
    {
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithFastWorkers().With("Jobs:due-reminders:Cron", JobsApi.EverySecond);
        var users = new[] { await app.RegisterAsync(), await app.RegisterAsync() };
        var admin = await app.AdminAsync();
        var before = (await admin.JobAsync("weekly-summary")).LastRunAt();
        before.Should().BeNull();
        var requestedAt = DateTimeOffset.UtcNow;

        var job = await admin.RunAsync("weekly-summary");

        job.LastStatus().Should().Be("succeeded");
        job.LastRunAt().Should().BeOnOrAfter(requestedAt.AddSeconds(-1));
        job.NextRunAt()!.Value.DayOfWeek.Should().Be(DayOfWeek.Monday, "a requested run leaves the schedule as it was");
        // The scheduler goes round several more times: a request must not be run again.
        await admin.WaitForMoreRunsAsync("due-reminders", 3);
        foreach (var user in users)
        {
            (await app.EventCountAsync(user.Id, WeeklySummary)).Should().Be(1);
        }

        (await app.CountAsync($"SELECT COUNT(*) FROM outbox_events WHERE type = '{WeeklySummary}'"))
            .Should()
            .Be(await app.CountAsync("SELECT COUNT(*) FROM users WHERE deleted_at IS NULL"), "one summary per account");
        (await admin.JobAsync("weekly-summary")).LastRunAt().Should().Be(job.LastRunAt());
    }

    [Fact]
    public async Task A_schedule_missed_while_every_instance_was_down_runs_once_when_one_comes_back()
    {
        await using var instances = new Instances(newApp);
        var first = (await instances.StartAsync()).WithFastWorkers();
        var users = new[] { await first.RegisterAsync(), await first.RegisterAsync() };
        await Deadline.WaitUntilAsync(
            async () => await first.CountAsync("SELECT COUNT(*) FROM job_schedules") == 4,
            JobsApi.Patience,
            "the scheduler to create the job rows"
        );
        await first.DisposeAsync();

        // Four Mondays went by while nothing ran.
        (
            await first.ExecuteAsync(
                $"UPDATE job_schedules SET next_run_at = {first.SqlTimeAgo(TimeSpan.FromDays(30))} WHERE name = 'weekly-summary'"
            )
        )
            .Should()
            .Be(1);
        (await first.CountAsync($"SELECT COUNT(*) FROM outbox_events WHERE type = '{WeeklySummary}'")).Should().Be(0);

        var second = (await instances.StartAsync())
            .WithFastWorkers()
            .With("Jobs:due-reminders:Cron", JobsApi.EverySecond);
        var admin = await second.AdminAsync();
        var job = await admin.WaitForRunAsync("weekly-summary", previous: null);
        await admin.WaitForMoreRunsAsync("due-reminders", 3);

        job.LastStatus().Should().Be("succeeded");
        var next = (await admin.JobAsync("weekly-summary")).NextRunAt()!.Value;
        next.Should().BeAfter(DateTimeOffset.UtcNow);
        next.DayOfWeek.Should().Be(DayOfWeek.Monday);
        next.TimeOfDay.Should().Be(TimeSpan.FromHours(8));
        // The first instance's settings name the database both instances use.
        foreach (var user in users)
        {
            (await first.EventCountAsync(user.Id, WeeklySummary)).Should().Be(1);
        }

        (await first.CountAsync($"SELECT COUNT(*) FROM outbox_events WHERE type = '{WeeklySummary}'"))
            .Should()
            .Be(await first.CountAsync("SELECT COUNT(*) FROM users WHERE deleted_at IS NULL"));
    }
}

public sealed class SqliteJobAdministrationTests() : JobAdministrationTests(() => new SqliteApp());

public sealed class PostgresJobAdministrationTests() : JobAdministrationTests(() => new PostgresApp());
