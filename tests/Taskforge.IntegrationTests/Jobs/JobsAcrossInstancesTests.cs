using System.Net;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;

namespace Taskforge.IntegrationTests.Jobs;

/// <summary>Two instances on one PostgreSQL database share every job run: nothing is done twice.</summary>
public sealed class PostgresJobsAcrossInstancesTests
{
    [Fact]
    public async Task Each_due_task_fires_one_task_due_event_while_two_instances_run_due_reminders_every_second()
    {
        await using var instances = new Instances(() => new PostgresApp());
        var (one, two) = await StartTwoAsync(instances);
        var users = new List<TestUser>();
        for (var i = 0; i < 6; i++)
        {
            var user = await (i % 2 == 0 ? one : two).RegisterAsync();
            await user.Client.CreateTaskAsync(new { title = $"Due {i}", dueAt = DateTime.UtcNow.AddMinutes(-1) });
            users.Add(user);
        }

        await Deadline.WaitUntilAsync(
            async () =>
                await one.CountAsync("SELECT COUNT(*) FROM outbox_events WHERE type = 'task.due'") >= users.Count,
            JobsApi.Patience,
            "a task.due event for every due task"
        );
        await (await one.AdminAsync()).WaitForMoreRunsAsync("due-reminders", 3);

        foreach (var user in users)
        {
            (await one.EventCountAsync(user.Id, "task.due")).Should().Be(1);
        }
    }

    [Fact]
    public async Task A_run_requested_on_one_instance_runs_once_across_both()
    {
        await using var instances = new Instances(() => new PostgresApp());
        var (one, two) = await StartTwoAsync(instances);
        var users = new[] { await one.RegisterAsync(), await two.RegisterAsync(), await one.RegisterAsync() };
        var adminOne = await one.AdminAsync();
        var adminTwo = await two.AdminAsync();

        await adminOne.RequestRunAsync("weekly-summary");

        var job = await adminTwo.WaitForRunAsync("weekly-summary", previous: null);
        job.LastStatus().Should().Be("succeeded");
        // The schedulers go round several more times: neither may take the request up again.
        await adminOne.WaitForMoreRunsAsync("due-reminders", 3);
        foreach (var user in users)
        {
            (await one.EventCountAsync(user.Id, "internal.weekly_summary")).Should().Be(1);
        }

        (await one.CountAsync("SELECT COUNT(*) FROM outbox_events WHERE type = 'internal.weekly_summary'"))
            .Should()
            .Be(await one.CountAsync("SELECT COUNT(*) FROM users WHERE deleted_at IS NULL"));
        (await adminOne.JobAsync("weekly-summary")).LastRunAt().Should().Be(job.LastRunAt());
    }

    /// <summary>Two running instances on one database, due-reminders every second on both.</summary>
    private static async Task<(TaskforgeApp One, TaskforgeApp Two)> StartTwoAsync(Instances instances)
    {
        var one = (await instances.StartAsync()).WithFastWorkers().With("Jobs:due-reminders:Cron", JobsApi.EverySecond);
        (await one.CreateClient().GetAsync("/health/live")).EnsureStatus(HttpStatusCode.OK);
        var two = (await instances.StartAsync()).WithFastWorkers().With("Jobs:due-reminders:Cron", JobsApi.EverySecond);
        (await two.CreateClient().GetAsync("/health/live")).EnsureStatus(HttpStatusCode.OK);
        return (one, two);
    }
}
