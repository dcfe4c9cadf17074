using System.Net;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Notifications;

/// <summary>The feed: notifications stored from events in the background, listed, counted and marked read.</summary>
public abstract class NotificationFeedTests(Func<TaskforgeApp> newApp)
{
    private const string Feed = "/api/v1/notifications";

    [Fact]
    public async Task Registration_leaves_one_unread_welcome_notification()
    {
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithFastWorkers();
        var user = await app.RegisterAsync();

        var welcome = (await WaitForNotificationsAsync(user, 1)).Single();

        welcome.GetProperty("type").GetString().Should().Be("welcome");
        welcome.GetProperty("title").GetString().Should().Be("Welcome to Taskforge");
        welcome.GetProperty("body").GetString().Should().Contain("Hello Test");
        welcome.GetProperty("taskId").ValueKind.Should().Be(JsonValueKind.Null);
        welcome.GetProperty("readAt").ValueKind.Should().Be(JsonValueKind.Null);
        welcome.GetProperty("createdAt").GetString().Should().EndWith("Z");
        Guid.TryParse(welcome.GetProperty("id").GetString(), out _).Should().BeTrue();
        (await UnreadCountAsync(user)).Should().Be(1);
    }

    [Fact]
    public async Task A_password_change_leaves_a_notice_without_the_password()
    {
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithFastWorkers();
        var user = await app.RegisterAsync(password: "first-password-1");

        user = await ChangePasswordAsync(app, user, "second-password-2");

        var notices = await WaitForNotificationsAsync(user, 2);
        var notice = notices.Single(n => n.GetProperty("type").GetString() == "password_changed");
        notice.GetProperty("title").GetString().Should().Be("Your password was changed");
        notice.GetRawText().Should().NotContainAny("first-password-1", "second-password-2");
    }

    [Fact]
    public async Task A_task_falling_due_leaves_exactly_one_task_due_notification_with_its_task_id()
    {
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithFastWorkers().With("Jobs:due-reminders:Cron", "* * * * * ?");
        var user = await app.RegisterAsync();
        var created = await user.Client.PostJsonAsync(
            "/api/v1/tasks",
            new { title = "Pay the rent", dueAt = DateTime.UtcNow.AddMinutes(-1) }
        );
        created.EnsureStatus(HttpStatusCode.Created);
        var taskId = (await created.JsonAsync()).GetProperty("id").GetGuid();

        await WaitForNotificationsAsync(user, 2);
        await WaitForJobRunsAsync(app, "due-reminders", 3);

        var due = (await ListAsync(user, "?limit=200")).Where(n => n.GetProperty("type").GetString() == "task_due");
        var notification = due.Should().ContainSingle().Subject;
        notification.GetProperty("title").GetString().Should().Be("Due now: Pay the rent");
        notification.GetProperty("taskId").GetGuid().Should().Be(taskId);
        notification.GetProperty("body").GetString().Should().Contain("Pay the rent");
    }

    [Fact]
    public async Task A_redelivered_event_does_not_store_a_second_notification()
    {
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithFastWorkers();
        var user = await app.RegisterAsync();
        await WaitForNotificationsAsync(user, 1);

        var reset = await app.ExecuteAsync(
            """
            UPDATE event_deliveries SET status = 0, attempts = 0, lease_until = NULL, finished_at = NULL,
                next_attempt_at = '2000-01-01T00:00:00.000000Z'
            WHERE consumer = 'feed' AND event_id IN (SELECT id FROM outbox_events WHERE user_id = @id)
            """,
            user.Id
        );
        reset.Should().Be(1);
        await Deadline.WaitUntilAsync(
            async () =>
                await app.CountAsync(
                    """
                    SELECT COUNT(*) FROM event_deliveries d JOIN outbox_events e ON e.id = d.event_id
                    WHERE e.user_id = @id AND d.consumer = 'feed' AND d.status = 1 AND d.attempts = 1
                    """,
                    user.Id
                ) == 1,
            TimeSpan.FromSeconds(15),
            "the feed delivery to run again"
        );

        (await ListAsync(user)).Should().ContainSingle();
        (await app.CountAsync("SELECT COUNT(*) FROM notifications WHERE user_id = @id", user.Id)).Should().Be(1);
    }

    [Fact]
    public async Task A_webhook_disabled_event_leaves_a_notice_naming_the_url()
    {
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithFastWorkers();
        var user = await app.RegisterAsync();
        await WaitForNotificationsAsync(user, 1);

        // The webhooks feature records this event; its data is {webhookId, url}.
        var eventId = Guid.CreateVersion7();
        var at = DateTime.UtcNow;
        var envelope = JsonSerializer.Serialize(
            new
            {
                id = eventId,
                type = "internal.webhook_disabled",
                occurredAt = at,
                userId = user.Id,
                data = new { webhookId = Guid.CreateVersion7(), url = "https://hooks.example.test/taskforge" },
            },
            JsonSerializerOptions.Web
        );
        await app.ExecuteAsync(
            $"""
            INSERT INTO outbox_events (id, type, user_id, occurred_at, envelope)
            VALUES ('{eventId:D}', 'internal.webhook_disabled', @id,
                    '{at:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}', '{envelope}')
            """,
            user.Id
        );

        var notice = (await WaitForNotificationsAsync(user, 2))[0];
        notice.GetProperty("type").GetString().Should().Be("webhook_disabled");
        notice.GetProperty("title").GetString().Should().Be("A webhook was switched off");
        notice.GetProperty("body").GetString().Should().Contain("https://hooks.example.test/taskforge");
        notice.GetProperty("taskId").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Unread_filter_count_mark_read_and_read_all_agree()
    {
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithFastWorkers();
        var user = await app.RegisterAsync(password: "password-0-long");
        user = await ChangePasswordAsync(app, user, "password-1-long");
        user = await ChangePasswordAsync(app, user, "password-2-long");
        var all = await WaitForNotificationsAsync(user, 3);
        (await UnreadCountAsync(user)).Should().Be(3);

        var first = all[1].GetProperty("id").GetString();
        (await user.Client.PostAsync($"{Feed}/{first}/read", null)).EnsureStatus(HttpStatusCode.NoContent);
        var readAt = (await ListAsync(user))
            .Single(n => n.GetProperty("id").GetString() == first)
            .GetProperty("readAt");
        readAt.GetString().Should().EndWith("Z");
        (await user.Client.PostAsync($"{Feed}/{first}/read", null)).EnsureStatus(HttpStatusCode.NoContent);

        (await ListAsync(user))
            .Single(n => n.GetProperty("id").GetString() == first)
            .GetProperty("readAt")
            .GetString()
            .Should()
            .Be(readAt.GetString(), "marking read again keeps the first time");
        (await UnreadCountAsync(user)).Should().Be(2);
        var unread = await ListAsync(user, "?unread=true");
        unread.Select(n => n.GetProperty("id").GetString()).Should().NotContain(first).And.HaveCount(2);
        (await ListAsync(user, "?unread=false")).Should().HaveCount(3);

        (await user.Client.PostAsync($"{Feed}/read-all", null)).EnsureStatus(HttpStatusCode.NoContent);
        (await UnreadCountAsync(user)).Should().Be(0);
        (await ListAsync(user, "?unread=true")).Should().BeEmpty();
        (await ListAsync(user)).Should().OnlyContain(n => n.GetProperty("readAt").ValueKind == JsonValueKind.String);
        (await user.Client.PostAsync($"{Feed}/read-all", null)).EnsureStatus(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Paging_one_at_a_time_visits_every_notification_once_newest_first()
    {
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithFastWorkers();
        var user = await app.RegisterAsync(password: "password-0-long");
        user = await ChangePasswordAsync(app, user, "password-1-long");
        user = await ChangePasswordAsync(app, user, "password-2-long");
        var all = await WaitForNotificationsAsync(user, 3);

        var seen = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = cursor is null ? $"{Feed}?limit=1" : $"{Feed}?limit=1&cursor={Uri.EscapeDataString(cursor)}";
            var page = await (await user.Client.GetAsync(url)).JsonAsync();
            page.GetProperty("items").GetArrayLength().Should().Be(1);
            seen.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null && pages < 10);

        seen.Select(n => n.GetProperty("id").GetString())
            .Should()
            .Equal(all.Select(n => n.GetProperty("id").GetString()));
        seen.Select(n => n.GetProperty("createdAt").GetDateTime()).Should().BeInDescendingOrder();
        seen.Select(n => n.GetProperty("type").GetString()).Last().Should().Be("welcome");
    }

    [Fact]
    public async Task Another_users_notification_is_404_and_never_listed()
    {
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithFastWorkers();
        var owner = await app.RegisterAsync();
        var other = await app.RegisterAsync();
        var mine = (await WaitForNotificationsAsync(owner, 1)).Single().GetProperty("id").GetString();
        var theirs = (await WaitForNotificationsAsync(other, 1)).Single().GetProperty("id").GetString();

        await (await other.Client.PostAsync($"{Feed}/{mine}/read", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await other.Client.PostAsync($"{Feed}/read-all", null)).EnsureStatus(HttpStatusCode.NoContent);

        (await ListAsync(other)).Select(n => n.GetProperty("id").GetString()).Should().Equal(theirs);
        (await ListAsync(owner)).Single().GetProperty("readAt").ValueKind.Should().Be(JsonValueKind.Null);
        (await UnreadCountAsync(owner)).Should().Be(1);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_never_a_500()
    {
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithFastWorkers();
        var user = await app.RegisterAsync(password: "password-0-long");
        user = await ChangePasswordAsync(app, user, "password-1-long");
        await WaitForNotificationsAsync(user, 2);
        var cursor = (await (await user.Client.GetAsync($"{Feed}?limit=1")).JsonAsync())
            .GetProperty("nextCursor")
            .GetString()!;
        var tampered = cursor[..^2] + (cursor[^2] == 'A' ? "B" : "A") + cursor[^1];

        await (await user.Client.GetAsync($"{Feed}?unread=maybe")).ShouldHaveFieldErrorAsync("unread");
        await (await user.Client.GetAsync($"{Feed}?unread=")).ShouldHaveFieldErrorAsync("unread");
        await (await user.Client.GetAsync($"{Feed}?limit=0")).ShouldHaveFieldErrorAsync("limit");
        await (await user.Client.GetAsync($"{Feed}?limit=201")).ShouldHaveFieldErrorAsync("limit");
        await (await user.Client.GetAsync($"{Feed}?limit=ten")).ShouldHaveFieldErrorAsync("limit");
        await (await user.Client.GetAsync($"{Feed}?cursor=forged.cursor")).ShouldHaveFieldErrorAsync("cursor");
        await (await user.Client.GetAsync($"{Feed}?cursor={Uri.EscapeDataString(tampered)}")).ShouldHaveFieldErrorAsync(
            "cursor"
        );
        var both = await user.Client.GetAsync($"{Feed}?unread=yes&limit=-1");
        await both.ShouldHaveFieldErrorAsync("unread");

        (await user.Client.PostAsync($"{Feed}/not-a-guid/read", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await (await user.Client.PostAsync($"{Feed}/{Guid.CreateVersion7()}/read", null)).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );
        (await UnreadCountAsync(user)).Should().Be(2, "nothing was marked read");
    }

    [Fact]
    public async Task Every_feed_route_is_401_without_a_token()
    {
        await using var instances = new Instances(newApp);
        var app = await instances.StartAsync();
        var anonymous = app.CreateClient();

        foreach (
            var response in new[]
            {
                await anonymous.GetAsync(Feed),
                await anonymous.GetAsync($"{Feed}/unread-count"),
                await anonymous.PostAsync($"{Feed}/{Guid.CreateVersion7()}/read", null),
                await anonymous.PostAsync($"{Feed}/read-all", null),
            }
        )
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
        }
    }

    [Fact]
    public async Task With_email_reminders_off_a_due_task_sends_no_mail_but_is_still_in_the_feed()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync())
            .WithFastWorkers()
            .WithSmtp(sink.Port)
            .With("Jobs:due-reminders:Cron", "* * * * * ?");
        var user = await app.RegisterAsync();
        await sink.WaitForMailAsync(user.Email, "Welcome");
        (
            await user.Client.PatchJsonAsync("/api/v1/users/me/notification-settings", new { emailReminders = false })
        ).EnsureStatus(HttpStatusCode.OK);

        (
            await user.Client.PostJsonAsync(
                "/api/v1/tasks",
                new { title = "Water the plants", dueAt = DateTime.UtcNow.AddMinutes(-1) }
            )
        ).EnsureStatus(HttpStatusCode.Created);

        var notifications = await WaitForNotificationsAsync(user, 2);
        notifications[0].GetProperty("title").GetString().Should().Be("Due now: Water the plants");
        await Deadline.WaitUntilAsync(
            async () =>
                await app.CountAsync(
                    """
                    SELECT COUNT(*) FROM event_deliveries d JOIN outbox_events e ON e.id = d.event_id
                    WHERE e.user_id = @id AND e.type = 'task.due' AND d.consumer = 'mail' AND d.status = 1
                    """,
                    user.Id
                ) == 1,
            TimeSpan.FromSeconds(15),
            "the mail consumer to have handled the task.due event"
        );
        sink.MailsTo(user.Email).Should().NotContain(m => m.Subject!.Contains("Due now", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<JsonElement>> ListAsync(TestUser user, string query = "")
    {
        var response = await user.Client.GetAsync(Feed + query);
        response.EnsureStatus(HttpStatusCode.OK);
        return (await response.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
    }

    private static async Task<long> UnreadCountAsync(TestUser user)
    {
        var response = await user.Client.GetAsync($"{Feed}/unread-count");
        response.EnsureStatus(HttpStatusCode.OK);
        return (await response.JsonAsync()).GetProperty("count").GetInt64();
    }

    /// <summary>Waits until the feed holds <paramref name="count"/> notifications (the consumer runs in the background); answers them.</summary>
    private static async Task<IReadOnlyList<JsonElement>> WaitForNotificationsAsync(TestUser user, int count)
    {
        IReadOnlyList<JsonElement> items = [];
        await Deadline.WaitUntilAsync(
            async () => (items = await ListAsync(user)).Count >= count,
            TimeSpan.FromSeconds(20),
            $"{count} notification(s) for {user.Email}"
        );
        items.Should().HaveCount(count);
        return items;
    }

    /// <summary>Changes the password and logs in again (the change signs every device out).</summary>
    private static async Task<TestUser> ChangePasswordAsync(TaskforgeApp app, TestUser user, string newPassword)
    {
        (
            await user.Client.PostJsonAsync(
                "/api/v1/users/me/password",
                new { currentPassword = user.Password, newPassword }
            )
        ).EnsureStatus(HttpStatusCode.NoContent);
        return await app.LogInAsync(user.Id, user.Email, newPassword);
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
                if (lastRun.ValueKind == JsonValueKind.String)
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

public sealed class SqliteNotificationFeedTests() : NotificationFeedTests(() => new SqliteApp());

public sealed class PostgresNotificationFeedTests() : NotificationFeedTests(() => new PostgresApp());
