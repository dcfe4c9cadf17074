using System.Net;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Push;

/// <summary>
/// Web Push against a test push service that checks messages with the reference npm packages
/// (web-push, http_ece): VAPID verified, payload decrypted with the subscription's private key.
/// </summary>
public abstract class WebPushTests(Func<TaskforgeApp> newApp)
{
    private const string Subject = "mailto:ops@taskforge.test";

    [Fact]
    public async Task A_due_task_is_pushed_once_encrypted_and_signed_with_the_notification()
    {
        await using var push = await TestPushService.StartAsync();
        await using var instances = new Instances(newApp);
        var (app, publicKey) = await StartAsync(instances, push);
        var user = await app.RegisterAsync();
        var endpoint = await SubscribeAsync(user, push);

        var task = await user.Client.PostJsonAsync(
            "/api/v1/tasks",
            new { title = "Water the plants", dueAt = DateTime.UtcNow.AddMinutes(-1) }
        );
        task.EnsureStatus(HttpStatusCode.Created);
        var taskId = (await task.JsonAsync()).GetProperty("id").GetString();

        var message = await WaitForPushAsync(push, endpoint);
        message.Vapid.K.Should().Be(publicKey);
        message.Vapid.Sub.Should().Be(Subject);
        message.Vapid.Aud.Should().Be(push.Origin.GetLeftPart(UriPartial.Authority));
        message.Ttl.Should().Be("86400");
        message.Urgency.Should().Be("high");
        message.Payload.GetProperty("type").GetString().Should().Be("task_due");
        message.Payload.GetProperty("title").GetString().Should().Be("Due now: Water the plants");
        message.Payload.GetProperty("body").GetString().Should().Contain("Water the plants");
        message.Payload.GetProperty("taskId").GetString().Should().Be(taskId);

        await Deadline.WaitUntilAsync(
            async () => await app.DeliveredCountAsync(user.Id, "push") == 1,
            TimeSpan.FromSeconds(10),
            "the push delivery to be recorded"
        );
        push.PushesTo(endpoint).Should().ContainSingle();
        push.Invalid.Should().BeEmpty();
    }

    [Fact]
    public async Task No_push_when_push_reminders_are_off()
    {
        await using var push = await TestPushService.StartAsync();
        await using var instances = new Instances(newApp);
        var (app, _) = await StartAsync(instances, push);
        var user = await app.RegisterAsync();
        var endpoint = await SubscribeAsync(user, push);
        (
            await user.Client.PatchJsonAsync("/api/v1/users/me/notification-settings", new { pushReminders = false })
        ).EnsureStatus(HttpStatusCode.OK);

        (
            await user.Client.PostJsonAsync(
                "/api/v1/tasks",
                new { title = "Quiet task", dueAt = DateTime.UtcNow.AddMinutes(-1) }
            )
        ).EnsureStatus(HttpStatusCode.Created);

        await Deadline.WaitUntilAsync(
            async () => await app.DeliveredCountAsync(user.Id, "push") == 1,
            TimeSpan.FromSeconds(20),
            "the push consumer to take the task.due event"
        );
        push.PushesTo(endpoint).Should().BeEmpty();
    }

    [Fact]
    public async Task A_gone_subscription_is_removed()
    {
        await using var push = await TestPushService.StartAsync();
        await using var instances = new Instances(newApp);
        var (app, _) = await StartAsync(instances, push);
        var user = await app.RegisterAsync();
        var endpoint = await SubscribeAsync(user, push);
        await push.ScriptAsync(endpoint, 410);

        (
            await user.Client.PostJsonAsync(
                "/api/v1/tasks",
                new { title = "Gone", dueAt = DateTime.UtcNow.AddMinutes(-1) }
            )
        ).EnsureStatus(HttpStatusCode.Created);

        await WaitForPushAsync(push, endpoint);
        await Deadline.WaitUntilAsync(
            async () =>
                (await (await user.Client.GetAsync("/api/v1/push-subscriptions")).JsonAsync())
                    .GetProperty("items")
                    .GetArrayLength() == 0,
            TimeSpan.FromSeconds(10),
            "the gone subscription to be removed"
        );
        await Deadline.WaitUntilAsync(
            async () => await app.DeliveredCountAsync(user.Id, "push") == 1,
            TimeSpan.FromSeconds(10),
            "the push delivery to succeed"
        );
    }

    [Fact]
    public async Task A_failing_push_service_is_retried_and_other_subscriptions_get_the_message_once()
    {
        await using var push = await TestPushService.StartAsync();
        await using var instances = new Instances(newApp);
        var (app, _) = await StartAsync(instances, push);
        var user = await app.RegisterAsync();
        var flaky = await SubscribeAsync(user, push);
        var steady = await SubscribeAsync(user, push);
        await push.ScriptAsync(flaky, 500, 503);

        (
            await user.Client.PostJsonAsync(
                "/api/v1/tasks",
                new { title = "Retry me", dueAt = DateTime.UtcNow.AddMinutes(-1) }
            )
        ).EnsureStatus(HttpStatusCode.Created);

        await Deadline.WaitUntilAsync(
            async () => await app.DeliveredCountAsync(user.Id, "push") == 1,
            TimeSpan.FromSeconds(20),
            "the push delivery to succeed after the retries"
        );
        push.PushesTo(flaky).Select(p => p.Status).Should().Equal(500, 503, 201);
        push.PushesTo(steady).Should().ContainSingle();
        push.Invalid.Should().BeEmpty();
    }

    [Fact]
    public async Task Subscription_routes_keep_one_per_endpoint_and_only_the_owner_sees_it()
    {
        await using var push = await TestPushService.StartAsync();
        await using var instances = new Instances(newApp);
        var (app, publicKey) = await StartAsync(instances, push);
        var user = await app.RegisterAsync();
        var other = await app.RegisterAsync();
        var subscription = await push.SubscribeAsync();

        var key = await app.CreateClient().GetAsync("/api/v1/push/vapid-public-key");
        key.EnsureStatus(HttpStatusCode.OK);
        (await key.JsonAsync()).GetProperty("publicKey").GetString().Should().Be(publicKey);

        var created = await user.Client.PostJsonAsync("/api/v1/push-subscriptions", subscription);
        created.EnsureStatus(HttpStatusCode.Created);
        var body = await created.JsonAsync();
        var id = body.GetProperty("id").GetString();
        created.Headers.Location!.ToString().Should().Be($"/api/v1/push-subscriptions/{id}");
        body.GetProperty("endpoint").GetString().Should().Be(subscription.GetProperty("endpoint").GetString());
        body.TryGetProperty("createdAt", out _).Should().BeTrue();

        var again = await user.Client.PostJsonAsync("/api/v1/push-subscriptions", subscription);
        again.EnsureStatus(HttpStatusCode.OK);
        (await again.JsonAsync()).GetProperty("id").GetString().Should().Be(id);

        var list = await (await user.Client.GetAsync("/api/v1/push-subscriptions?limit=1")).JsonAsync();
        list.GetProperty("items").GetArrayLength().Should().Be(1);
        list.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
        (await (await other.Client.GetAsync("/api/v1/push-subscriptions")).JsonAsync())
            .GetProperty("items")
            .GetArrayLength()
            .Should()
            .Be(0);

        (await other.Client.DeleteAsync($"/api/v1/push-subscriptions/{id}")).EnsureStatus(HttpStatusCode.NotFound);
        (await user.Client.DeleteAsync($"/api/v1/push-subscriptions/{id}")).EnsureStatus(HttpStatusCode.NoContent);
        (await user.Client.DeleteAsync($"/api/v1/push-subscriptions/{id}")).EnsureStatus(HttpStatusCode.NotFound);
        (await app.CreateClient().GetAsync("/api/v1/push-subscriptions")).EnsureStatus(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bad_subscriptions_are_400_and_nothing_is_stored()
    {
        await using var push = await TestPushService.StartAsync();
        await using var instances = new Instances(newApp);
        var (app, _) = await StartAsync(instances, push);
        var user = await app.RegisterAsync();
        var good = await push.SubscribeAsync();
        var endpoint = good.GetProperty("endpoint").GetString()!;
        var p256dh = good.GetProperty("keys").GetProperty("p256dh").GetString()!;
        var auth = good.GetProperty("keys").GetProperty("auth").GetString()!;

        await ShouldRefuseAsync(user, "endpoint", "not a url", p256dh, auth);
        await ShouldRefuseAsync(user, "endpoint", "ftp://push.example.test/x", p256dh, auth);
        await ShouldRefuseAsync(user, "endpoint", "https://push.example.test/" + new string('a', 2048), p256dh, auth);
        await ShouldRefuseAsync(user, "keys.p256dh", endpoint, p256dh[..^4], auth);
        await ShouldRefuseAsync(
            user,
            "keys.p256dh",
            endpoint,
            p256dh[..^3] + (p256dh[^3] == 'A' ? "B" : "A") + p256dh[^2..],
            auth
        );
        await ShouldRefuseAsync(user, "keys.p256dh", endpoint, "not base64url!", auth);
        await ShouldRefuseAsync(user, "keys.auth", endpoint, p256dh, auth[..^2]);
        await ShouldRefuseAsync(user, "keys.auth", endpoint, p256dh, "");
        await (
            await user.Client.PostJsonAsync("/api/v1/push-subscriptions", new { endpoint })
        ).ShouldHaveFieldErrorAsync("keys.p256dh");

        (await (await user.Client.GetAsync("/api/v1/push-subscriptions")).JsonAsync())
            .GetProperty("items")
            .GetArrayLength()
            .Should()
            .Be(0);
    }

    [Fact]
    public async Task Private_addresses_and_plain_http_are_refused_without_allow_private_targets()
    {
        await using var push = await TestPushService.StartAsync();
        await using var instances = new Instances(newApp);
        var (publicKey, privateKey) = await push.VapidKeysAsync();
        var app = (await instances.StartAsync())
            .With("Push:Vapid:Subject", Subject)
            .With("Push:Vapid:PublicKey", publicKey)
            .With("Push:Vapid:PrivateKey", privateKey);
        var user = await app.RegisterAsync();
        var good = await push.SubscribeAsync();
        var p256dh = good.GetProperty("keys").GetProperty("p256dh").GetString()!;
        var auth = good.GetProperty("keys").GetProperty("auth").GetString()!;

        await ShouldRefuseAsync(user, "endpoint", good.GetProperty("endpoint").GetString()!, p256dh, auth);
        await ShouldRefuseAsync(user, "endpoint", "https://127.0.0.1/push/x", p256dh, auth);
        await ShouldRefuseAsync(user, "endpoint", "https://10.0.0.7/push/x", p256dh, auth);
        await ShouldRefuseAsync(user, "endpoint", "https://169.254.169.254/latest", p256dh, auth);
        await ShouldRefuseAsync(user, "endpoint", "https://[::ffff:192.168.1.1]/push", p256dh, auth);
        await ShouldRefuseAsync(user, "endpoint", "https://localhost/push", p256dh, auth);
    }

    [Fact]
    public async Task Without_keys_push_is_off_and_the_key_route_is_404()
    {
        await using var instances = new Instances(newApp);
        var app = await instances.StartAsync();

        var key = await app.CreateClient().GetAsync("/api/v1/push/vapid-public-key");

        await key.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<(TaskforgeApp App, string PublicKey)> StartAsync(
        Instances instances,
        TestPushService push
    )
    {
        var (publicKey, privateKey) = await push.VapidKeysAsync();
        var app = (await instances.StartAsync())
            .WithFastWorkers()
            .With("Jobs:due-reminders:Cron", "* * * * * ?")
            .With("Outbound:AllowPrivateTargets", "true")
            .With("Push:Vapid:Subject", Subject)
            .With("Push:Vapid:PublicKey", publicKey)
            .With("Push:Vapid:PrivateKey", privateKey);
        return (app, publicKey);
    }

    private static async Task<string> SubscribeAsync(TestUser user, TestPushService push)
    {
        var subscription = await push.SubscribeAsync();
        (await user.Client.PostJsonAsync("/api/v1/push-subscriptions", subscription)).EnsureStatus(
            HttpStatusCode.Created
        );
        return subscription.GetProperty("endpoint").GetString()!;
    }

    private static async Task<ReceivedPush> WaitForPushAsync(TestPushService push, string endpoint)
    {
        ReceivedPush? found = null;
        await Deadline.WaitUntilAsync(
            () =>
            {
                found = push.PushesTo(endpoint) is [var first, ..] ? first : null;
                return Task.FromResult(found is not null || push.Invalid.Count > 0);
            },
            TimeSpan.FromSeconds(20),
            $"a push to {endpoint}"
        );
        push.Invalid.Should().BeEmpty();
        return found!;
    }

    private static async Task ShouldRefuseAsync(
        TestUser user,
        string field,
        string endpoint,
        string p256dh,
        string auth
    ) =>
        await (
            await user.Client.PostJsonAsync("/api/v1/push-subscriptions", new { endpoint, keys = new { p256dh, auth } })
        ).ShouldHaveFieldErrorAsync(field);
}

public sealed class SqliteWebPushTests() : WebPushTests(() => new SqliteApp());

public sealed class PostgresWebPushTests() : WebPushTests(() => new PostgresApp());
