using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Email;

/// <summary>Mail leaves through a real SMTP server (npm smtp-server), in the background, and survives a struggling relay.</summary>
public abstract class MailDeliveryTests(Func<TaskforgeApp> newApp)
{
    [Fact]
    public async Task Registration_answers_at_once_and_the_welcome_mail_arrives_with_text_and_html_parts()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithFastWorkers().WithSmtp(sink.Port);

        var user = await app.RegisterAsync(password: "welcome-password-1");

        var mail = await sink.WaitForMailAsync(user.Email, "Welcome");
        mail.ContentType.Should().Be("multipart/alternative");
        mail.Text.Should().Contain("Hello Test");
        mail.Html.Should().Contain("<p>Hello Test,</p>");
        mail.From.Should().Contain("no-reply@localhost");
        mail.MessageId.Should().EndWith("@taskforge>");
        (mail.Text + mail.Html).Should().NotContain("welcome-password-1");
    }

    [Fact]
    public async Task A_relay_that_refuses_the_first_attempts_still_gets_the_mail_exactly_once()
    {
        await using var sink = await SmtpSink.StartAsync(refuseFirst: 2);
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithFastWorkers().WithSmtp(sink.Port);

        var user = await app.RegisterAsync();

        await sink.WaitForMailAsync(user.Email, "Welcome");
        await Deadline.WaitUntilAsync(
            async () => await app.DeliveredCountAsync(user.Id, "mail") == 1,
            TimeSpan.FromSeconds(10),
            "the mail delivery to be recorded"
        );
        sink.Refused.Should().Be(2);
        sink.MailsTo(user.Email).Should().ContainSingle();
    }

    [Fact]
    public async Task Mail_waits_while_the_relay_is_down_and_goes_out_when_it_returns()
    {
        var port = SmtpSink.FreePort();
        await using var instances = new Instances(newApp);
        // An unreachable relay is an outage, not a verdict on the mail: attempts go past
        // Workers:MaxAttempts without a dead letter.
        var app = (await instances.StartAsync()).WithFastWorkers().WithSmtp(port).With("Workers:MaxAttempts", "2");

        var user = await app.RegisterAsync();
        await Deadline.WaitUntilAsync(
            async () =>
                await app.CountAsync(
                    "SELECT COUNT(*) FROM event_deliveries d JOIN outbox_events e ON e.id = d.event_id "
                        + "WHERE e.user_id = @id AND d.consumer = 'mail' AND d.attempts >= 3 AND d.status = 0",
                    user.Id
                ) == 1,
            TimeSpan.FromSeconds(30),
            "three failed attempts while the relay is down, still pending"
        );

        await using var sink = await SmtpSink.StartAsync(port: port);
        await sink.WaitForMailAsync(user.Email, "Welcome");
    }

    [Fact]
    public async Task A_password_change_sends_a_notice_without_the_password()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithFastWorkers().WithSmtp(sink.Port);
        var user = await app.RegisterAsync(password: "first-password-1");

        var changed = await user.Client.PostJsonAsync(
            "/api/v1/users/me/password",
            new { currentPassword = "first-password-1", newPassword = "second-password-2" }
        );
        changed.EnsureStatus(HttpStatusCode.NoContent);

        var notice = await sink.WaitForMailAsync(user.Email, "password was changed");
        (notice.Text + notice.Html).Should().NotContainAny("first-password-1", "second-password-2");
    }

    [Fact]
    public async Task A_task_falling_due_fires_one_task_due_event_and_one_reminder_and_a_new_due_time_arms_it_again()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync())
            .WithFastWorkers()
            .WithSmtp(sink.Port)
            .With("Jobs:due-reminders:Cron", "* * * * * ?");
        var user = await app.RegisterAsync();
        var task = await user.Client.PostJsonAsync(
            "/api/v1/tasks",
            new { title = "Pay the rent", dueAt = DateTime.UtcNow.AddMinutes(-1) }
        );
        task.EnsureStatus(HttpStatusCode.Created);
        var open = await user.Client.PostJsonAsync(
            "/api/v1/tasks",
            new
            {
                title = "Already done",
                dueAt = DateTime.UtcNow.AddMinutes(-1),
                completed = true,
            }
        );
        open.EnsureStatus(HttpStatusCode.Created);

        var reminder = await sink.WaitForMailAsync(user.Email, "Due now: Pay the rent");
        reminder.Text.Should().Contain("Pay the rent");
        await WaitForJobRunsAsync(app, "due-reminders", 3);
        (await app.EventCountAsync(user.Id, "task.due")).Should().Be(1);
        sink.MailsTo(user.Email).Count(m => m.Subject!.StartsWith("Due now", StringComparison.Ordinal)).Should().Be(1);

        var moved = await user.Client.PatchJsonAsync(
            task.Headers.Location!.ToString(),
            new { dueAt = DateTime.UtcNow.AddSeconds(-5) }
        );
        moved.EnsureStatus(HttpStatusCode.OK);
        await Deadline.WaitUntilAsync(
            async () => await app.EventCountAsync(user.Id, "task.due") == 2,
            TimeSpan.FromSeconds(15),
            "a second task.due after the due time changed"
        );
    }

    /// <summary>Waits until the job has run <paramref name="runs"/> more times (each run moves last_run_at).</summary>
    private static async Task WaitForJobRunsAsync(TaskforgeApp app, string job, int runs)
    {
        var admin = await app.AdminAsync();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await Deadline.WaitUntilAsync(
            async () =>
            {
                var jobs = await (await admin.Client.GetAsync("/api/v1/admin/jobs")).JsonAsync();
                var lastRun = jobs.EnumerateArray()
                    .Single(j => j.GetProperty("name").GetString() == job)
                    .GetProperty("lastRunAt");
                if (lastRun.ValueKind == System.Text.Json.JsonValueKind.String)
                {
                    seen.Add(lastRun.GetString()!);
                }

                return seen.Count > runs;
            },
            TimeSpan.FromSeconds(20),
            $"{runs} more runs of {job}"
        );
    }
}

public sealed class SqliteMailDeliveryTests() : MailDeliveryTests(() => new SqliteApp());

public sealed class PostgresMailDeliveryTests() : MailDeliveryTests(() => new PostgresApp());
