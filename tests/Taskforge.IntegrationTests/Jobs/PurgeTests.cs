using System.Net;
using System.Security.Cryptography;
using System.Text;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;

namespace Taskforge.IntegrationTests.Jobs;

/// <summary>The purge job deletes for good what outlived its retention, and nothing younger.</summary>
public abstract class PurgeTests(Func<TaskforgeApp> newApp)
{
    private static readonly TimeSpan MonthAndADay = TimeSpan.FromDays(31);
    private static readonly TimeSpan WeekAndADay = TimeSpan.FromDays(8);

    [Fact]
    public async Task Purge_deletes_expired_rows_and_mail_files_keeps_younger_ones_and_the_api_still_works()
    {
        var mailFolder = Path.Combine(Path.GetTempPath(), "taskforge-tests", "mail-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(mailFolder);
        try
        {
            await using var instances = new Instances(newApp);
            var app = (await instances.StartAsync()).WithFastWorkers().With("Email:PickupFolder", mailFolder);
            var anonymous = app.CreateClient();

            // The account that stays: tasks deleted long ago and yesterday, a live one, a project deleted long ago.
            var keeper = await app.RegisterAsync();
            var oldTask = (
                await keeper.Client.CreateTaskAsync(new { title = "Long gone", tags = new[] { "old" } })
            ).Id();
            var recentTask = (await keeper.Client.CreateTaskAsync("Deleted yesterday")).Id();
            var liveTask = (await keeper.Client.CreateTaskAsync("Still here")).Id();
            var oldProject = (await keeper.Client.CreateProjectAsync("Closed long ago")).Id();
            foreach (
                var url in new[]
                {
                    $"{TaskApi.Tasks}/{oldTask}",
                    $"{TaskApi.Tasks}/{recentTask}",
                    $"{TaskApi.Projects}/{oldProject}",
                }
            )
            {
                (await keeper.Client.DeleteAsync(url)).EnsureStatus(HttpStatusCode.NoContent);
            }

            await Age(app, "tasks", "id", oldTask, "deleted_at", MonthAndADay);
            await Age(app, "tasks", "id", recentTask, "deleted_at", TimeSpan.FromDays(1));
            await Age(app, "projects", "id", oldProject, "deleted_at", MonthAndADay);

            // Its refresh tokens: one spent (kept while unexpired, for reuse detection) with its live
            // successor, one expired, and one revoked long ago.
            var spent = keeper.RefreshToken;
            var rotated = await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = spent });
            rotated.EnsureStatus(HttpStatusCode.OK);
            var live = (await rotated.JsonAsync()).GetProperty("refreshToken").GetString()!;
            var expired = (await app.LogInAsync(keeper.Id, keeper.Email, keeper.Password)).RefreshToken;
            var revoked = (await app.LogInAsync(keeper.Id, keeper.Email, keeper.Password)).RefreshToken;
            (await anonymous.PostJsonAsync("/api/v1/auth/logout", new { refreshToken = revoked })).EnsureStatus(
                HttpStatusCode.NoContent
            );
            (
                await app.ExecuteAsync(
                    $"UPDATE refresh_tokens SET expires_at = {app.SqlTimeAgo(TimeSpan.FromDays(1))} WHERE token_hash = '{Hash(expired)}'"
                )
            )
                .Should()
                .Be(1);
            (
                await app.ExecuteAsync(
                    $"UPDATE refresh_tokens SET revoked_at = {app.SqlTimeAgo(MonthAndADay)} WHERE token_hash = '{Hash(revoked)}'"
                )
            )
                .Should()
                .Be(1);

            // An account deleted long ago, with a tagged task and its own notification settings.
            var leaver = await app.RegisterAsync();
            await leaver.Client.CreateTaskAsync(new { title = "Left behind", tags = new[] { "gone" } });
            (
                await leaver.Client.PutJsonAsync(
                    "/api/v1/users/me/notification-settings",
                    new
                    {
                        emailReminders = false,
                        emailWeeklySummary = true,
                        pushReminders = true,
                    }
                )
            ).EnsureStatus(HttpStatusCode.OK);
            // ... and a push subscription with a record of one push (written as the push consumer would).
            var leaverSubscription = Guid.CreateVersion7();
            (
                await app.ExecuteAsync(
                    $"INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at) VALUES ('{leaverSubscription}', @id, 'https://push.example.test/leaver', 'k', 'a', {app.SqlTimeAgo(MonthAndADay)})",
                    leaver.Id
                )
            )
                .Should()
                .Be(1);
            await PushDeliveryAsync(app, Guid.CreateVersion7(), leaverSubscription, TimeSpan.FromDays(1));
            (await leaver.Client.DeleteAsync("/api/v1/users/me")).EnsureStatus(HttpStatusCode.NoContent);
            await Age(app, "users", "id", leaver.Id, "deleted_at", MonthAndADay);
            await Age(app, "projects", "owner_id", leaver.Id, "deleted_at", MonthAndADay);
            await Age(app, "tasks", "owner_id", leaver.Id, "deleted_at", MonthAndADay);

            // Events over a week old: delivered ones go; one still waiting for a retry and one dead letter stay.
            var waiting = await app.RegisterAsync();
            var dead = await app.RegisterAsync();
            foreach (var user in new[] { keeper, waiting, dead })
            {
                await Deadline.WaitUntilAsync(
                    async () => await app.DeliveredCountAsync(user.Id, "mail") == 1,
                    JobsApi.Patience,
                    "the welcome mail to be delivered"
                );
            }

            await app.WaitUntilFannedOutAsync();
            const string Welcome =
                "event_id IN (SELECT id FROM outbox_events WHERE user_id = @id AND type = 'user.registered')";
            (
                await app.ExecuteAsync(
                    $"UPDATE event_deliveries SET status = 0, attempts = 3, next_attempt_at = {app.SqlTime(DateTimeOffset.UtcNow.AddDays(1))}, finished_at = NULL WHERE consumer = 'mail' AND {Welcome}",
                    waiting.Id
                )
            )
                .Should()
                .Be(1);
            (
                await app.ExecuteAsync(
                    $"UPDATE event_deliveries SET status = 2, attempts = 10, last_error = 'SmtpException: Failure sending mail.' WHERE consumer = 'mail' AND {Welcome}",
                    dead.Id
                )
            )
                .Should()
                .Be(1);
            var weekAgo = app.SqlTimeAgo(WeekAndADay);
            foreach (var user in new[] { waiting, dead })
            {
                await app.ExecuteAsync(
                    $"UPDATE outbox_events SET occurred_at = {weekAgo} WHERE user_id = @id AND type = 'user.registered'",
                    user.Id
                );
            }

            var keeperWelcome = await app.EventIdAsync(keeper.Id, "user.registered");
            const string OldTypes = "type IN ('user.registered', 'task.created')";
            (
                await app.ExecuteAsync(
                    $"UPDATE outbox_events SET occurred_at = {weekAgo} WHERE user_id = @id AND {OldTypes}",
                    keeper.Id
                )
            )
                .Should()
                .Be(4, "the welcome (delivered by mail) and three task.created (no consumer)");
            var youngEvents = await app.CountAsync(
                $"SELECT COUNT(*) FROM outbox_events WHERE user_id = @id AND NOT ({OldTypes})",
                keeper.Id
            );
            youngEvents.Should().BePositive();

            // Mail files: the welcome mails, one written eight days ago, a fresh one, and an old file that is not mail.
            Directory.EnumerateFiles(mailFolder, "*.eml").Should().HaveCountGreaterThanOrEqualTo(3);
            var oldMail = WriteFile(mailFolder, "old.eml", WeekAndADay);
            var freshMail = WriteFile(mailFolder, "fresh.eml", TimeSpan.Zero);
            var oldNote = WriteFile(mailFolder, "notes.txt", WeekAndADay);

            // Push delivery records: one over a week old goes, a fresh one stays.
            var keeperSubscription = Guid.CreateVersion7();
            var oldPush = Guid.CreateVersion7();
            var freshPush = Guid.CreateVersion7();
            await PushDeliveryAsync(app, oldPush, keeperSubscription, WeekAndADay);
            await PushDeliveryAsync(app, freshPush, keeperSubscription, TimeSpan.Zero);

            var admin = await app.AdminAsync();
            var job = await admin.RunAsync("purge");

            job.LastStatus().Should().Be("succeeded");
            (await Rows(app, "tasks", "id", oldTask)).Should().Be(0);
            (await Rows(app, "task_tags", "task_id", oldTask)).Should().Be(0);
            (await Rows(app, "tasks", "id", recentTask)).Should().Be(1, "it was deleted only yesterday");
            (await Rows(app, "tasks", "id", liveTask)).Should().Be(1);
            (await Rows(app, "projects", "id", oldProject)).Should().Be(0);
            (await Rows(app, "projects", "owner_id", keeper.Id)).Should().Be(1, "the inbox stays");
            foreach (
                var (table, column) in new[]
                {
                    ("users", "id"),
                    ("projects", "owner_id"),
                    ("tasks", "owner_id"),
                    ("task_tags", "owner_id"),
                    ("refresh_tokens", "user_id"),
                    ("notification_settings", "user_id"),
                    ("push_subscriptions", "user_id"),
                }
            )
            {
                (await Rows(app, table, column, leaver.Id))
                    .Should()
                    .Be(0, $"the account deleted long ago has no {table} left");
            }

            (await Rows(app, "push_deliveries", "subscription_id", leaverSubscription)).Should().Be(0);
            (await Rows(app, "push_deliveries", "event_id", oldPush)).Should().Be(0);
            (await Rows(app, "push_deliveries", "event_id", freshPush)).Should().Be(1, "it was recorded today");

            (await Tokens(app, spent)).Should().Be(1, "a spent token is kept until it expires");
            (await Tokens(app, live)).Should().Be(1);
            (await Tokens(app, expired)).Should().Be(0);
            (await Tokens(app, revoked)).Should().Be(0);

            (await Rows(app, "outbox_events", "id", keeperWelcome)).Should().Be(0);
            (await Rows(app, "event_deliveries", "event_id", keeperWelcome)).Should().Be(0);
            (await app.EventCountAsync(keeper.Id, "task.created")).Should().Be(0);
            (
                await app.CountAsync(
                    $"SELECT COUNT(*) FROM outbox_events WHERE user_id = @id AND NOT ({OldTypes})",
                    keeper.Id
                )
            )
                .Should()
                .Be(youngEvents);
            (await app.EventCountAsync(waiting.Id, "user.registered")).Should().Be(1, "its mail is still to be sent");
            (await app.EventCountAsync(dead.Id, "user.registered")).Should().Be(1, "a dead letter stays");
            (await app.CountAsync($"SELECT COUNT(*) FROM event_deliveries WHERE status = 2 AND {Welcome}", dead.Id))
                .Should()
                .Be(1);

            File.Exists(oldMail).Should().BeFalse();
            File.Exists(freshMail).Should().BeTrue();
            File.Exists(oldNote).Should().BeTrue("only mail files are purged");

            var tasks = await keeper.Client.GetJsonAsync(TaskApi.Tasks);
            tasks.GetProperty("items").EnumerateArray().Select(t => t.Id()).Should().Equal(liveTask);
            (await keeper.Client.GetAsync($"{TaskApi.Tasks}/{liveTask}")).EnsureStatus(HttpStatusCode.OK);
            (await keeper.Client.GetAsync("/api/v1/users/me")).EnsureStatus(HttpStatusCode.OK);
            var refreshed = await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = live });
            refreshed.EnsureStatus(HttpStatusCode.OK);
            var newest = (await refreshed.JsonAsync()).GetProperty("refreshToken").GetString()!;
            // Reuse of the spent token is still recognised, and revokes its whole login.
            await (
                await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = spent })
            ).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            await (
                await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = newest })
            ).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }
        finally
        {
            Directory.Delete(mailFolder, recursive: true);
        }
    }

    private static async Task Age(TaskforgeApp app, string table, string column, Guid id, string time, TimeSpan ago) =>
        (await app.ExecuteAsync($"UPDATE {table} SET {time} = {app.SqlTimeAgo(ago)} WHERE {column} = @id", id))
            .Should()
            .BePositive($"{table} has a row to age");

    private static async Task PushDeliveryAsync(TaskforgeApp app, Guid eventId, Guid subscriptionId, TimeSpan age) =>
        (
            await app.ExecuteAsync(
                $"INSERT INTO push_deliveries (event_id, subscription_id, status, recorded_at) VALUES ('{eventId}', '{subscriptionId}', 'delivered', {app.SqlTimeAgo(age)})"
            )
        )
            .Should()
            .Be(1);

    private static Task<long> Rows(TaskforgeApp app, string table, string column, Guid id) =>
        app.CountAsync($"SELECT COUNT(*) FROM {table} WHERE {column} = @id", id);

    private static Task<long> Tokens(TaskforgeApp app, string refreshToken) =>
        app.CountAsync($"SELECT COUNT(*) FROM refresh_tokens WHERE token_hash = '{Hash(refreshToken)}'");

    // As the service stores a refresh token: the lowercase hex SHA-256 of the token.
    private static string Hash(string refreshToken) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));

    private static string WriteFile(string folder, string name, TimeSpan age)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "Subject: kept for the purge test\r\n\r\nHello.\r\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }
}

public sealed class SqlitePurgeTests() : PurgeTests(() => new SqliteApp());

public sealed class PostgresPurgeTests() : PurgeTests(() => new PostgresApp());
