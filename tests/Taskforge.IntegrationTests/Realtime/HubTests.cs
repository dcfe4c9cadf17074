using System.Net;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Realtime;

/// <summary>
/// The hub as apps use it: the official JavaScript client over WebSockets and Server-Sent
/// Events against the running service, one user's events only, and across instances through Redis.
/// </summary>
public sealed class HubTests
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Each_connection_hears_its_own_users_events_over_websockets_and_server_sent_events_and_nobody_elses()
    {
        await using var service = ServiceProcess.Start(FastWorkers());
        var url = await service.WaitUntilListeningAsync(Start);
        var alice = await SignUpAsync(url);
        var bob = await SignUpAsync(url);
        await using var aliceWs = await HubClient.ConnectAsync(url, alice.Token, "webSockets");
        await using var aliceSse = await HubClient.ConnectAsync(url, alice.Token, "serverSentEvents");
        await using var bobWs = await HubClient.ConnectAsync(url, bob.Token, "webSockets");

        var aliceTask = await alice.CreateTaskAsync("Alice's secret plan");
        var bobTask = await bob.CreateTaskAsync("Bob's task");

        foreach (var client in new[] { aliceWs, aliceSse })
        {
            var created = await client.WaitForEventAsync(IsCreated(aliceTask), "alice's task.created");
            created.GetProperty("userId").GetString().Should().Be(alice.Id);
            created.GetProperty("data").GetProperty("title").GetString().Should().Be("Alice's secret plan");
            created.GetProperty("id").GetGuid().Should().NotBeEmpty();
        }

        await bobWs.WaitForEventAsync(IsCreated(bobTask), "bob's task.created");
        bobWs.Events.Should().OnlyContain(e => e.GetProperty("userId").GetString() == bob.Id);
        aliceWs.Events.Should().OnlyContain(e => e.GetProperty("userId").GetString() == alice.Id);
        service.Output.Should().NotContain(alice.Token, "access tokens in hub URLs are never logged");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task A_handshake_without_a_valid_token_is_refused_with_401(string token)
    {
        await using var service = ServiceProcess.Start(FastWorkers());
        var url = await service.WaitUntilListeningAsync(Start);

        await using var client = await HubClient.TryConnectAsync(url, token, "webSockets");
        var outcome = await client.OutcomeAsync();

        outcome.GetProperty("event").GetString().Should().Be("failed");
        outcome.GetProperty("status").ToString().Should().Be("401", outcome.ToString());

        using var http = new HttpClient { BaseAddress = url };
        var negotiate = await http.PostAsync(
            $"/hubs/notifications/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(token)}",
            null
        );
        negotiate.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        negotiate.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
    }

    [Fact]
    public async Task Deleting_the_account_closes_its_connections()
    {
        await using var service = ServiceProcess.Start(FastWorkers());
        var url = await service.WaitUntilListeningAsync(Start);
        var carol = await SignUpAsync(url);
        await using var hub = await HubClient.ConnectAsync(url, carol.Token, "webSockets");

        (await carol.Client.DeleteAsync("/api/v1/users/me")).EnsureStatus(HttpStatusCode.NoContent);

        await hub.WaitForEventAsync(e => e.GetProperty("type").GetString() == "user.deleted", "user.deleted");
        await hub.WaitUntilClosedAsync();
    }

    [Fact]
    public async Task With_redis_a_connection_on_one_instance_hears_a_change_made_on_another()
    {
        await using var redis = await RedisServer.StartAsync();
        var postgres = new PostgresApp();
        await postgres.InitializeAsync();
        try
        {
            var shared = FastWorkers();
            shared["Database__Provider"] = "Postgres";
            shared["ConnectionStrings__Postgres"] = postgres.ConnectionString;
            shared["ConnectionStrings__Redis"] = redis.ConnectionString;
            await using var first = ServiceProcess.Start(shared);
            await using var second = ServiceProcess.Start(shared);
            var firstUrl = await first.WaitUntilListeningAsync(Start);
            var secondUrl = await second.WaitUntilListeningAsync(Start);

            var dave = await SignUpAsync(secondUrl);
            var erin = await SignUpAsync(secondUrl);
            await using var daveHub = await HubClient.ConnectAsync(firstUrl, dave.Token, "webSockets");
            await using var erinHub = await HubClient.ConnectAsync(firstUrl, erin.Token, "serverSentEvents");

            var task = await dave.CreateTaskAsync("Made on the second instance");
            var erinTask = await erin.CreateTaskAsync("Erin's");

            await daveHub.WaitForEventAsync(IsCreated(task), "the change from the other instance");
            await erinHub.WaitForEventAsync(IsCreated(erinTask), "erin's own change");
            erinHub.Events.Should().OnlyContain(e => e.GetProperty("userId").GetString() == erin.Id);
            daveHub.Events.Where(IsCreated(task)).Should().ContainSingle("Redis fans each event out once");

            // Who is connected is kept in Redis too: a user connected to neither instance gets no
            // hub delivery, whichever instance fans the event out.
            var frank = await SignUpAsync(firstUrl);
            var frankTask = Guid.Parse(await frank.CreateTaskAsync("Nobody is listening"));
            var frankEvent = (await postgres.OutboxEventsAsync(Guid.Parse(frank.Id))).Single(e =>
                e.Type == "task.created" && e.Data.GetProperty("id").GetGuid() == frankTask
            );
            await Deadline.WaitUntilAsync(
                () => postgres.IsFannedOutAsync(frankEvent.Id),
                TimeSpan.FromSeconds(30),
                "frank's event to be fanned out"
            );
            (await postgres.DeliveriesOfAsync(Guid.Parse(frank.Id))).Should().NotContain((frankEvent.Id, "hub"));
            (await postgres.DeliveriesOfAsync(Guid.Parse(dave.Id))).Should().Contain(d => d.Consumer == "hub");
        }
        finally
        {
            await ((IAsyncLifetime)postgres).DisposeAsync();
        }
    }

    [Fact]
    public async Task After_redis_restarts_empty_a_connected_app_hears_its_new_events_again()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = FastWorkers();
        settings["ConnectionStrings__Redis"] = redis.ConnectionString;
        await using var service = ServiceProcess.Start(settings);
        var url = await service.WaitUntilListeningAsync(Start);
        var gina = await SignUpAsync(url);
        await using var hub = await HubClient.ConnectAsync(url, gina.Token, "webSockets");
        await hub.WaitForEventAsync(IsCreated(await gina.CreateTaskAsync("Before")), "the event before the restart");

        // A new, empty Redis has none of the marks that said gina is connected: the service marks
        // her again as soon as it is back (without that, once its presence grace after the
        // restore ran out, her events would get no hub delivery).
        await redis.RestartAsync();
        await Deadline.WaitUntilAsync(
            async () => await redis.SubscribersAsync("taskforge:realtime") > 0,
            Start,
            "the service to subscribe to the restarted Redis"
        );
        // Sooner than the refresher's round (30 s): the reconnect itself must trigger the marks.
        await Deadline.WaitUntilAsync(
            () => redis.ExistsAsync($"taskforge:hub:online:{Guid.Parse(gina.Id):N}"),
            TimeSpan.FromSeconds(15),
            "the service to mark gina connected in the restarted Redis"
        );

        await hub.WaitForEventAsync(IsCreated(await gina.CreateTaskAsync("After")), "the event after the restart");
    }

    private static Func<JsonElement, bool> IsCreated(string taskId) =>
        e =>
            e.GetProperty("type").GetString() == "task.created"
            && e.GetProperty("data").GetProperty("id").GetString() == taskId;

    private static Dictionary<string, string> FastWorkers() =>
        new()
        {
            ["Workers__PollSeconds"] = "0.1",
            ["Workers__RetryBaseSeconds"] = "0.05",
            ["Workers__RetryMaxSeconds"] = "0.3",
            ["Email__PickupFolder"] = Path.Combine(Path.GetTempPath(), "taskforge-hub-mail"),
        };

    private static async Task<HubUser> SignUpAsync(Uri service)
    {
        var email = TestUsers.NewEmail("hub");
        var client = new HttpClient { BaseAddress = service };
        var registered = await client.PostJsonAsync(
            "/api/v1/auth/register",
            new
            {
                email,
                password = "hub-password-1",
                firstName = "Hub",
                lastName = "User",
            }
        );
        registered.EnsureStatus(HttpStatusCode.Created);
        var id = (await registered.JsonAsync()).GetProperty("id").GetString()!;
        var login = await client.PostJsonAsync("/api/v1/auth/login", new { email, password = "hub-password-1" });
        login.EnsureStatus(HttpStatusCode.OK);
        var token = (await login.JsonAsync()).GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return new HubUser(id, token, client);
    }

    private sealed record HubUser(string Id, string Token, HttpClient Client)
    {
        public async Task<string> CreateTaskAsync(string title)
        {
            var created = await Client.PostJsonAsync("/api/v1/tasks", new { title });
            created.EnsureStatus(HttpStatusCode.Created);
            return (await created.JsonAsync()).GetProperty("id").GetString()!;
        }
    }
}
