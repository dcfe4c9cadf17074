using System.Net;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;
using static Taskforge.IntegrationTests.Webhooks.WebhookApi;

namespace Taskforge.IntegrationTests.Webhooks;

/// <summary>
/// Deliveries to a real receiver that verifies every one with the reference Standard Webhooks
/// library (npm standardwebhooks): signed, only the owner's events, by type, retried, redelivered,
/// switched off after 20 failures in a row, never redirected, never to an address inside.
/// </summary>
public abstract class WebhookDeliveryTests(Func<TaskforgeApp> newApp)
{
    [Fact]
    public async Task Events_arrive_signed_and_verified_and_the_log_shows_them_succeeded()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithWebhookReceiverSettings();
        var user = await app.RegisterAsync();
        var (id, secret, _) = await user.Client.CreateWebhookAsync(receiver.Url("all"));
        await receiver.EndpointAsync("all", secret);

        var task = await user.Client.CreateTaskAsync("Ship webhooks");

        var delivery = (await receiver.WaitForAsync("all", 1)).Single();
        delivery.Type.Should().Be("task.created");
        delivery.ContentType.Should().StartWith("application/json");
        delivery.Payload.GetProperty("id").GetString().Should().Be(delivery.Id);
        delivery.Payload.GetProperty("userId").GetGuid().Should().Be(user.Id);
        delivery.Data.Id().Should().Be(task.Id());
        delivery.Data.Text("title").Should().Be("Ship webhooks");
        delivery.Timestamp.Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 60);
        var events = await app.OutboxEventsAsync(user.Id);
        delivery.Id.Should().Be(events.Single(e => e.Type == "task.created").Id.ToString());

        var log = await user.Client.WaitForDeliveriesAsync(
            id,
            d => d.Count == 1 && d[0].Text("status") == "succeeded",
            "the delivery to be recorded"
        );
        var entry = log.Single();
        entry.Text("eventId").Should().Be(delivery.Id);
        entry.Text("eventType").Should().Be("task.created");
        entry.GetProperty("attempts").GetInt32().Should().Be(1);
        entry.GetProperty("responseStatus").GetInt32().Should().Be(200);
        entry.GetProperty("lastAttemptAt").ValueKind.Should().Be(JsonValueKind.String);
        entry.GetProperty("nextAttemptAt").ValueKind.Should().Be(JsonValueKind.Null);
        receiver.Rejected.Should().BeEmpty();
    }

    [Fact]
    public async Task A_users_webhook_receives_only_that_users_events_and_only_the_types_it_subscribes_to()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithWebhookReceiverSettings();
        var alice = await app.RegisterAsync();
        var bob = await app.RegisterAsync();
        var aliceAll = await alice.Client.CreateWebhookAsync(receiver.Url("alice-all"));
        var aliceCompleted = await alice.Client.CreateWebhookAsync(receiver.Url("alice-completed"), "task.completed");
        var bobAll = await bob.Client.CreateWebhookAsync(receiver.Url("bob-all"));
        await receiver.EndpointAsync("alice-all", aliceAll.Secret);
        await receiver.EndpointAsync("alice-completed", aliceCompleted.Secret);
        await receiver.EndpointAsync("bob-all", bobAll.Secret);

        var task = await alice.Client.CreateTaskAsync("Alice's task");
        (await alice.Client.PatchAsync($"{TaskApi.Tasks}/{task.Id()}", new { completed = true })).EnsureStatus(
            HttpStatusCode.OK
        );
        await bob.Client.CreateTaskAsync("Bob's task");
        await bob.Client.CreateProjectAsync("Bob's project");
        await alice.Client.CreateProjectAsync("Alice's project");

        foreach (var type in new[] { "task.created", "task.completed", "project.created" })
        {
            await receiver.WaitForAsync("alice-all", 1, d => d.Type == type);
        }

        await receiver.WaitForAsync("bob-all", 2);
        await receiver.WaitForAsync("alice-completed", 1);
        receiver
            .DeliveriesTo("alice-all")
            .Should()
            .OnlyContain(d => d.Payload.GetProperty("userId").GetGuid() == alice.Id);
        receiver.DeliveriesTo("bob-all").Should().OnlyContain(d => d.Payload.GetProperty("userId").GetGuid() == bob.Id);
        receiver
            .DeliveriesTo("bob-all")
            .Select(d => d.Type)
            .Should()
            .BeEquivalentTo(new[] { "task.created", "project.created" });
        (await alice.Client.DeliveriesAsync(aliceCompleted.Id))
            .Select(d => d.Text("eventType"))
            .Should()
            .Equal("task.completed");
        receiver.DeliveriesTo("alice-completed").Single().Type.Should().Be("task.completed");
        receiver.Rejected.Should().BeEmpty();
    }

    [Fact]
    public async Task A_users_events_get_no_webhook_delivery_until_the_user_has_a_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithWebhookReceiverSettings();
        var user = await app.RegisterAsync();

        var before = await user.Client.CreateTaskAsync("Before any webhook");
        var beforeEvent = (await app.OutboxEventsAsync(user.Id)).Single(e =>
            e.Type == "task.created" && e.Data.Id() == before.Id()
        );
        await Deadline.WaitUntilAsync(
            () => app.IsFannedOutAsync(beforeEvent.Id),
            TimeSpan.FromSeconds(30),
            "the first task's event to be fanned out"
        );
        (await app.DeliveriesOfAsync(user.Id))
            .Where(d => d.EventId == beforeEvent.Id)
            .Select(d => d.Consumer)
            .Should()
            .NotContain("webhooks");

        var (_, secret, _) = await user.Client.CreateWebhookAsync(receiver.Url("all"));
        await receiver.EndpointAsync("all", secret);
        var after = await user.Client.CreateTaskAsync("After the webhook");

        var delivered = await receiver.WaitForAsync("all", 1, d => d.Type == "task.created");
        delivered.Select(d => d.Data.Id()).Should().Equal(after.Id());
        var afterEvent = (await app.OutboxEventsAsync(user.Id)).Single(e =>
            e.Type == "task.created" && e.Data.Id() == after.Id()
        );
        (await app.DeliveriesOfAsync(user.Id)).Should().Contain((afterEvent.Id, "webhooks"));
    }

    [Fact]
    public async Task A_ping_goes_to_that_webhook_only()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithWebhookReceiverSettings();
        var user = await app.RegisterAsync();
        var pinged = await user.Client.CreateWebhookAsync(receiver.Url("pinged"));
        var other = await user.Client.CreateWebhookAsync(receiver.Url("other"));
        await receiver.EndpointAsync("pinged", pinged.Secret);
        await receiver.EndpointAsync("other", other.Secret);

        (await user.Client.PostAsync($"{WebhooksPath}/{pinged.Id}/ping", null)).EnsureStatus(HttpStatusCode.Accepted);

        var ping = (await receiver.WaitForAsync("pinged", 1)).Single();
        ping.Type.Should().Be("ping");
        ping.Data.GetProperty("webhookId").GetGuid().Should().Be(pinged.Id);
        ping.Payload.GetProperty("userId").GetGuid().Should().Be(user.Id);
        (await user.Client.DeliveriesAsync(pinged.Id)).Single().Text("eventType").Should().Be("ping");
        (await user.Client.DeliveriesAsync(other.Id)).Should().BeEmpty();
        receiver.DeliveriesTo("other").Should().BeEmpty();
        (await app.OutboxEventsAsync(user.Id)).Should().NotContain(e => e.Type == "ping");
    }

    [Fact]
    public async Task A_failing_receiver_gets_retries_with_the_same_id_until_it_succeeds_and_a_redelivery_sends_it_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithWebhookReceiverSettings(0.05, 0.1, 0.1);
        var user = await app.RegisterAsync();
        var (id, secret, _) = await user.Client.CreateWebhookAsync(receiver.Url("flaky"), "project.created");
        await receiver.EndpointAsync("flaky", secret, failFirst: 2, failStatus: 503);

        await user.Client.CreateProjectAsync("Retried");

        var attempts = await receiver.WaitForAsync("flaky", 3);
        attempts.Select(a => a.Status).Should().Equal(503, 503, 200);
        attempts.Select(a => a.Id).Distinct().Should().ContainSingle();
        var entry = (
            await user.Client.WaitForDeliveriesAsync(
                id,
                d => d.Count == 1 && d[0].Text("status") == "succeeded",
                "the delivery to succeed"
            )
        ).Single();
        entry.GetProperty("attempts").GetInt32().Should().Be(3);
        entry.GetProperty("responseStatus").GetInt32().Should().Be(200);

        (await user.Client.PostAsync($"{WebhooksPath}/{id}/deliveries/{entry.Id()}/redeliver", null)).EnsureStatus(
            HttpStatusCode.Accepted
        );

        var again = await receiver.WaitForAsync("flaky", 4);
        again[3].Id.Should().Be(attempts[0].Id);
        again[3].Status.Should().Be(200);
        await user.Client.WaitForDeliveriesAsync(
            id,
            d => d.Single().Text("status") == "succeeded" && d.Single().GetProperty("attempts").GetInt32() == 1,
            "the redelivery to be recorded"
        );
        receiver.Rejected.Should().BeEmpty();
    }

    [Fact]
    public async Task A_delivery_that_never_succeeds_is_failed_and_listed_as_a_webhook_dead_letter_which_an_admin_can_retry()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithWebhookReceiverSettings(0.05, 0.05);
        var user = await app.RegisterAsync();
        var admin = await app.AdminAsync();
        var (id, secret, _) = await user.Client.CreateWebhookAsync(receiver.Url("down"));
        await receiver.EndpointAsync("down", secret, status: 500);

        (await user.Client.PostAsync($"{WebhooksPath}/{id}/ping", null)).EnsureStatus(HttpStatusCode.Accepted);

        var entry = (
            await user.Client.WaitForDeliveriesAsync(
                id,
                d => d.Count == 1 && d[0].Text("status") == "failed",
                "the delivery to fail"
            )
        ).Single();
        entry.GetProperty("attempts").GetInt32().Should().Be(3);
        entry.GetProperty("responseStatus").GetInt32().Should().Be(500);
        entry.GetProperty("nextAttemptAt").ValueKind.Should().Be(JsonValueKind.Null);
        receiver.DeliveriesTo("down").Should().HaveCount(3);
        var letters = await admin.Client.ListAllAsync("/api/v1/admin/dead-letters", 1);
        var letter = letters.Should().ContainSingle(l => l.Id() == entry.Id()).Subject;
        letter.Text("kind").Should().Be("webhook");
        letter.Text("eventId").Should().Be(entry.Text("eventId"));
        letter.GetProperty("attempts").GetInt32().Should().Be(3);
        letter.Text("lastError").Should().Contain("500");

        await receiver.EndpointAsync("down", secret);
        (await admin.Client.PostAsync($"/api/v1/admin/dead-letters/{entry.Id()}/retry", null)).EnsureStatus(
            HttpStatusCode.Accepted
        );

        await receiver.WaitForAsync("down", 1, d => d.Status == 200);
        await user.Client.WaitForDeliveriesAsync(
            id,
            d => d.Single().Text("status") == "succeeded",
            "the retried delivery to succeed"
        );
        (await admin.Client.ListAllAsync("/api/v1/admin/dead-letters", 50))
            .Should()
            .NotContain(l => l.Id() == entry.Id());
    }

    [Fact]
    public async Task Twenty_failed_deliveries_in_a_row_switch_the_webhook_off_and_tell_its_owner_and_active_true_switches_it_on()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithWebhookReceiverSettings(0.01);
        var user = await app.RegisterAsync();
        var (id, secret, _) = await user.Client.CreateWebhookAsync(receiver.Url("dead"));
        await receiver.EndpointAsync("dead", secret, status: 500);
        var url = $"{WebhooksPath}/{id}";

        await PingAndWaitAsync(19);
        (await user.Client.GetJsonAsync(url)).GetProperty("active").GetBoolean().Should().BeTrue();
        await PingAndWaitAsync(20);

        await Deadline.WaitUntilAsync(
            async () => !(await user.Client.GetJsonAsync(url)).GetProperty("active").GetBoolean(),
            TimeSpan.FromSeconds(10),
            "the webhook to be switched off"
        );
        var disabled = (await app.OutboxEventsAsync(user.Id))
            .Should()
            .ContainSingle(e => e.Type == "internal.webhook_disabled")
            .Subject;
        disabled.Data.GetProperty("webhookId").GetGuid().Should().Be(id);
        disabled.Data.Text("url").Should().Be(receiver.Url("dead"));
        await (await user.Client.PostAsync($"{url}/ping", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await user.Client.CreateTaskAsync("Not sent while off");
        await Task.Delay(500);
        (await user.Client.DeliveriesAsync(id)).Should().HaveCount(20);

        await receiver.EndpointAsync("dead", secret);
        var enabled = await user.Client.PatchAsync(url, new { active = true });

        enabled.EnsureStatus(HttpStatusCode.OK);
        (await enabled.JsonAsync()).GetProperty("active").GetBoolean().Should().BeTrue();
        (await app.CountAsync("SELECT consecutive_failures FROM webhooks WHERE id = @id", id)).Should().Be(0);
        (await user.Client.PostAsync($"{url}/ping", null)).EnsureStatus(HttpStatusCode.Accepted);
        await receiver.WaitForAsync("dead", 1, d => d.Status == 200);
        receiver.Rejected.Should().BeEmpty();

        async Task PingAndWaitAsync(int failed)
        {
            while ((await user.Client.DeliveriesAsync(id)).Count < failed)
            {
                (await user.Client.PostAsync($"{url}/ping", null)).EnsureStatus(HttpStatusCode.Accepted);
            }

            await user.Client.WaitForDeliveriesAsync(
                id,
                d => d.Count(e => e.Text("status") == "failed") == failed,
                $"{failed} failed deliveries"
            );
        }
    }

    [Fact]
    public async Task A_slow_receiver_does_not_delay_another_users_deliveries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithWebhookReceiverSettings();
        var slowUser = await app.RegisterAsync();
        var quickUser = await app.RegisterAsync();
        var slow = await slowUser.Client.CreateWebhookAsync(receiver.Url("slow"));
        var quick = await quickUser.Client.CreateWebhookAsync(receiver.Url("quick"));
        await receiver.EndpointAsync("slow", slow.Secret, delayMs: 4000);
        await receiver.EndpointAsync("quick", quick.Secret);
        for (var i = 0; i < 20; i++)
        {
            (await slowUser.Client.PostAsync($"{WebhooksPath}/{slow.Id}/ping", null)).EnsureStatus(
                HttpStatusCode.Accepted
            );
        }

        await receiver.WaitForAsync("slow", 1);
        var started = DateTime.UtcNow;
        await quickUser.Client.CreateTaskAsync("Not stuck behind anyone");

        await receiver.WaitForAsync("quick", 1, timeout: TimeSpan.FromSeconds(3));
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(3));
        receiver.DeliveriesTo("slow").Count.Should().BeLessThanOrEqualTo(4, "at most two are in flight to one webhook");
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_counts_as_a_failure()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithWebhookReceiverSettings(0.05);
        var user = await app.RegisterAsync();
        var (id, secret, _) = await user.Client.CreateWebhookAsync(receiver.Url("moved"));
        await receiver.EndpointAsync("moved", secret, redirectTo: receiver.Url("moved-target"));
        await receiver.EndpointAsync("moved-target", secret);

        (await user.Client.PostAsync($"{WebhooksPath}/{id}/ping", null)).EnsureStatus(HttpStatusCode.Accepted);

        var entry = (
            await user.Client.WaitForDeliveriesAsync(
                id,
                d => d.Count == 1 && d[0].Text("status") == "failed",
                "the redirected delivery to fail"
            )
        ).Single();
        entry.GetProperty("responseStatus").GetInt32().Should().Be(302);
        entry.GetProperty("attempts").GetInt32().Should().Be(2);
        receiver.DeliveriesTo("moved").Should().HaveCount(2);
        receiver.DeliveriesTo("moved-target").Should().BeEmpty();
        receiver.Rejected.Should().BeEmpty();
    }

    [Fact]
    public async Task A_delivery_to_a_name_that_resolves_to_loopback_is_refused_at_delivery_time()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var instances = new Instances(newApp);
        // An instance that allows private targets takes the webhook; one that does not delivers it.
        var api = (await instances.StartAsync())
            .With("Outbound:AllowPrivateTargets", "true")
            .With("Workers:Enabled", "false");
        var worker = (await instances.StartAsync()).WithFastWorkers().With("Webhooks:RetryDelaysSeconds:0", "0.05");
        _ = worker.Services;
        var user = await api.RegisterAsync();
        var url = $"https://localhost:{receiver.Port}/inside";
        var (id, secret, _) = await user.Client.CreateWebhookAsync(url);
        await receiver.EndpointAsync("inside", secret);

        (await user.Client.PostAsync($"{WebhooksPath}/{id}/ping", null)).EnsureStatus(HttpStatusCode.Accepted);

        var entry = (
            await user.Client.WaitForDeliveriesAsync(
                id,
                d => d.Count == 1 && d[0].Text("status") == "failed",
                "the delivery to be refused"
            )
        ).Single();
        entry.GetProperty("responseStatus").ValueKind.Should().Be(JsonValueKind.Null);
        var admin = await api.AdminAsync();
        var letter = (await admin.Client.ListAllAsync("/api/v1/admin/dead-letters", 50)).Single(l =>
            l.Id() == entry.Id()
        );
        letter.Text("lastError").Should().Contain("loopback");
        receiver.Deliveries.Should().BeEmpty();
        receiver.Rejected.Should().BeEmpty();
    }
}

public sealed class SqliteWebhookDeliveryTests() : WebhookDeliveryTests(() => new SqliteApp());

public sealed class PostgresWebhookDeliveryTests() : WebhookDeliveryTests(() => new PostgresApp());
