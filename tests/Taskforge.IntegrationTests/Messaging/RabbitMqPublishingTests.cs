using System.Net;
using System.Text.Json;
using RabbitMQ.Client;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Messaging;

/// <summary>
/// With <c>ConnectionStrings:RabbitMq</c>, every public event reaches a real broker's
/// <c>taskforge.events</c> exchange, as the contract describes it, and none is lost while the
/// broker is down or when the service is killed mid-delivery.
/// </summary>
public abstract class RabbitMqPublishingTests(Func<TaskforgeApp> newApp, RabbitMqBroker broker) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    // Short waits between attempts, and no giving up, so an outage of a few seconds is ridden out.
    private static readonly Dictionary<string, string> FastRetries = new(StringComparer.Ordinal)
    {
        ["Workers:PollSeconds"] = "0.2",
        ["Workers:LeaseSeconds"] = "5",
        ["Workers:MaxAttempts"] = "1000",
        ["Workers:RetryBaseSeconds"] = "0.2",
        ["Workers:RetryMaxSeconds"] = "1",
    };

    private RabbitMqServer Broker => broker.Server;

    // A test that failed half-way may have left the shared broker stopped or paused.
    public async Task InitializeAsync()
    {
        await Broker.ResumeAsync();
        await Broker.StartAgainAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_public_event_is_published_with_its_routing_key_headers_and_envelope_and_internal_ones_are_not()
    {
        await using var subscriber = await EventSubscriber.BindAsync(Broker);
        var app = PublishingApp();
        try
        {
            await app.InitializeAsync();
            var user = await app.RegisterAsync();
            var client = user.Client;
            var inbox = (await (await client.GetAsync("/api/v1/projects")).JsonAsync())
                .GetProperty("items")[0]
                .GetProperty("id")
                .GetGuid();
            var task = await CreateAsync(client, "/api/v1/tasks", new { title = "Write the report" });
            (
                await client.PatchJsonAsync($"/api/v1/tasks/{task}", new { title = "Write the annual report" })
            ).EnsureStatus(HttpStatusCode.OK);
            (await client.PatchJsonAsync($"/api/v1/tasks/{task}", new { completed = true })).EnsureStatus(
                HttpStatusCode.OK
            );
            (await client.DeleteAsync($"/api/v1/tasks/{task}")).EnsureStatus(HttpStatusCode.NoContent);
            var garden = await CreateAsync(client, "/api/v1/projects", new { name = "Garden" });
            var seeds = await CreateAsync(client, "/api/v1/tasks", new { title = "Buy seeds", projectId = garden });
            (await client.PatchJsonAsync($"/api/v1/projects/{garden}", new { name = "Vegetable garden" })).EnsureStatus(
                HttpStatusCode.OK
            );
            (
                await client.PostJsonAsync(
                    "/api/v1/users/me/password",
                    new { currentPassword = user.Password, newPassword = "a-new-password-2" }
                )
            ).EnsureStatus(HttpStatusCode.NoContent);
            client = (await app.LogInAsync(user.Id, user.Email, "a-new-password-2")).Client;
            (await client.DeleteAsync($"/api/v1/projects/{garden}")).EnsureStatus(HttpStatusCode.NoContent);
            (await client.DeleteAsync("/api/v1/users/me")).EnsureStatus(HttpStatusCode.NoContent);
            string[] expected =
            [
                $"user.registered {user.Id}",
                $"project.created {inbox}",
                $"task.created {task}",
                $"task.updated {task}",
                $"task.completed {task}",
                $"task.deleted {task}",
                $"project.created {garden}",
                $"task.created {seeds}",
                $"project.updated {garden}",
                $"project.deleted {garden}",
                $"task.deleted {seeds}",
                $"user.deleted {user.Id}",
            ];

            await subscriber.WaitForAsync(
                user.Id,
                m => m.Count >= expected.Length,
                "every public event of the scenario"
            );
            var messages = await SettledAsync(app, subscriber, user.Id);

            messages
                .Select(m => $"{m.RoutingKey} {m.Envelope.GetProperty("data").GetProperty("id").GetGuid()}")
                .Should()
                .BeEquivalentTo(expected, "each public event is published once, under its type");
            var events = (await app.EventsOfAsync(user.Id)).ToDictionary(e => e.Id);
            foreach (var message in messages)
            {
                var envelope = message.Envelope;
                var id = envelope.GetProperty("id").GetGuid();
                message.MessageId.Should().Be(id.ToString(), "message_id is the event id");
                message.RoutingKey.Should().Be(envelope.GetProperty("type").GetString());
                message.ContentType.Should().Be("application/json");
                message.DeliveryMode.Should().Be(DeliveryModes.Persistent);
                message.Body.Should().Be(events[id].Envelope, "the body is the recorded envelope, byte for byte");
                envelope.GetProperty("userId").GetGuid().Should().Be(user.Id);
                envelope.GetProperty("occurredAt").GetDateTimeOffset().Should().BeAfter(DateTimeOffset.UnixEpoch);
                envelope.GetProperty("data").ValueKind.Should().Be(JsonValueKind.Object);
            }

            messages
                .Single(m => m.RoutingKey == "task.completed")
                .Envelope.GetProperty("data")
                .GetProperty("completed")
                .GetBoolean()
                .Should()
                .BeTrue("data is the task as GET shows it");
            var passwordChanged = events
                .Values.Should()
                .ContainSingle(e => e.Type == "internal.password_changed")
                .Which;
            (await app.PublishDeliveriesOfAsync(user.Id))
                .Should()
                .NotContain(d => d.EventId == passwordChanged.Id, "internal events are not for the outside");
            messages.Should().NotContain(m => m.RoutingKey.StartsWith("internal.", StringComparison.Ordinal));
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task Events_written_while_the_broker_is_down_are_all_published_once_when_it_returns()
    {
        await using var subscriber = await EventSubscriber.BindAsync(Broker);

        // Two attempts before a dead letter: an unreachable broker must not use them up.
        var app = PublishingApp().With("Workers:MaxAttempts", "2");
        try
        {
            await app.InitializeAsync();
            var user = await app.RegisterAsync();
            await subscriber.WaitForAsync(user.Id, m => m.Count >= 2, "the registration's events, before the outage");

            await Broker.StopAsync();
            try
            {
                var tasks = new List<Guid>();
                for (var i = 0; i < 5; i++)
                {
                    tasks.Add(await CreateAsync(user.Client, "/api/v1/tasks", new { title = $"Task {i}" }));
                }

                (await user.Client.PatchJsonAsync($"/api/v1/tasks/{tasks[0]}", new { priority = "high" })).EnsureStatus(
                    HttpStatusCode.OK
                );
                (await user.Client.PatchJsonAsync($"/api/v1/tasks/{tasks[1]}", new { completed = true })).EnsureStatus(
                    HttpStatusCode.OK
                );
                (await user.Client.DeleteAsync($"/api/v1/tasks/{tasks[2]}")).EnsureStatus(HttpStatusCode.NoContent);
                await CreateAsync(user.Client, "/api/v1/projects", new { name = "Written during the outage" });

                // Each of the nine has been tried against the stopped broker more often than
                // MaxAttempts, and is still waiting; the error names the broker, never its password.
                var broker = $"RabbitMQ at amqp://127.0.0.1:{Broker.Port}";
                await Deadline.WaitUntilAsync(
                    async () =>
                        (await app.PublishDeliveriesOfAsync(user.Id)).Count(d =>
                            d is { Status: 0, Attempts: >= 3 }
                            && d.LastError?.Contains(broker, StringComparison.Ordinal) == true
                        ) == 9,
                    Patience,
                    "the outage's nine events to fail against the stopped broker and wait"
                );
                (await app.PublishDeliveriesOfAsync(user.Id))
                    .Should()
                    .NotContain(d =>
                        d.LastError != null && d.LastError.Contains(Broker.Password, StringComparison.Ordinal)
                    );
            }
            finally
            {
                await Broker.StartAgainAsync();
            }

            var events = (await app.EventsOfAsync(user.Id))
                .Where(e => !e.Type.StartsWith("internal.", StringComparison.Ordinal))
                .ToList();
            events.Should().HaveCount(11);
            await subscriber.WaitForAsync(
                user.Id,
                m => m.Select(x => x.MessageId).Distinct().Count() >= events.Count,
                "every event written during the outage"
            );
            var messages = await SettledAsync(app, subscriber, user.Id);

            messages.Select(m => m.MessageId).Should().BeEquivalentTo(events.Select(e => e.Id.ToString()));
            messages.Should().OnlyHaveUniqueItems(m => m.MessageId, "nothing is published twice without a crash");
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task A_service_killed_while_delivering_publishes_every_event_after_its_restart()
    {
        await using var subscriber = await EventSubscriber.BindAsync(Broker);
        var database = newApp();
        await database.InitializeAsync();
        try
        {
            var environment = database.DatabaseEnvironment();
            environment["ConnectionStrings__RabbitMq"] = Broker.Uri;

            foreach (var (key, value) in FastRetries)
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            // The broker takes connections and never answers: deliveries hang, claimed and leased.
            await Broker.PauseAsync();
            Guid userId;
            string firstOutput;
            await using (var first = ServiceProcess.Start(environment))
            {
                using var client = new HttpClient { BaseAddress = await first.WaitUntilListeningAsync(Patience) };
                userId = await RegisterAndWriteAsync(client);
                await Deadline.WaitUntilAsync(
                    async () =>
                        (await database.PublishDeliveriesOfAsync(userId)).Any(d => d is { Status: 0, Leased: true }),
                    Patience,
                    "a delivery to be claimed and in flight"
                );
                firstOutput = first.ToString();
            } // kill -9: ServiceProcess kills the whole process tree with SIGKILL

            await using var second = ServiceProcess.Start(environment);
            await second.WaitUntilListeningAsync(Patience);
            await Broker.ResumeAsync();

            var events = (await database.EventsOfAsync(userId))
                .Where(e => !e.Type.StartsWith("internal.", StringComparison.Ordinal))
                .ToList();
            events.Should().HaveCount(8);
            var messages = await subscriber.WaitForAsync(
                userId,
                m => events.All(e => m.Any(x => x.MessageId == e.Id.ToString())),
                "every event after the restart",
                Patience
            );
            messages.Select(m => m.MessageId).Distinct().Should().BeEquivalentTo(events.Select(e => e.Id.ToString()));
            var logs = firstOutput + second;
            logs.Should().Contain($"RabbitMQ at amqp://127.0.0.1:{Broker.Port}");
            logs.Should().NotContain(Broker.Password, "no log line carries the broker's password");
        }
        finally
        {
            await Broker.ResumeAsync();
            await ((IAsyncLifetime)database).DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_a_rabbitmq_connection_string_no_publish_delivery_is_made()
    {
        var app = newApp();
        try
        {
            await app.InitializeAsync();
            var user = await app.RegisterAsync();
            await CreateAsync(user.Client, "/api/v1/tasks", new { title = "Not for RabbitMQ" });

            await Deadline.WaitUntilAsync(
                async () => (await app.EventsOfAsync(user.Id)) is { Count: 3 } events && events.All(e => e.FannedOut),
                Patience,
                "the events to be handed to the consumers"
            );
            (await app.PublishDeliveriesOfAsync(user.Id)).Should().BeEmpty();
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    private TaskforgeApp PublishingApp()
    {
        var app = newApp().With("ConnectionStrings:RabbitMq", Broker.Uri);
        foreach (var (key, value) in FastRetries)
        {
            app.With(key, value);
        }

        return app;
    }

    /// <summary>
    /// Waits until every publish delivery of the user is recorded as done, then reads the queue once
    /// more: a message is in the queue before its confirm, so nothing published can still be missing.
    /// </summary>
    private static async Task<IReadOnlyList<PublishedMessage>> SettledAsync(
        TaskforgeApp app,
        EventSubscriber subscriber,
        Guid userId
    )
    {
        await Deadline.WaitUntilAsync(
            async () => (await app.PublishDeliveriesOfAsync(userId)).All(d => d.Status == 1),
            Patience,
            "every publish delivery to be recorded as done"
        );
        (await subscriber.DrainAsync()).Should().BeTrue();
        return subscriber.Of(userId);
    }

    /// <summary>Registers a user on a running service and makes writes: eight public events in all.</summary>
    private static async Task<Guid> RegisterAndWriteAsync(HttpClient client)
    {
        var email = TestUsers.NewEmail("killed");
        var registered = await client.PostJsonAsync(
            "/api/v1/auth/register",
            new
            {
                email,
                password = "long-enough-1",
                firstName = "Kill",
                lastName = "Nine",
            }
        );
        registered.EnsureStatus(HttpStatusCode.Created);
        var userId = (await registered.JsonAsync()).GetProperty("id").GetGuid();
        var login = await client.PostJsonAsync("/api/v1/auth/login", new { email, password = "long-enough-1" });
        login.EnsureStatus(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new(
            "Bearer",
            (await login.JsonAsync()).GetProperty("accessToken").GetString()
        );
        var tasks = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            tasks.Add(await CreateAsync(client, "/api/v1/tasks", new { title = $"Task {i}" }));
        }

        (await client.PatchJsonAsync($"/api/v1/tasks/{tasks[0]}", new { completed = true })).EnsureStatus(
            HttpStatusCode.OK
        );
        await CreateAsync(client, "/api/v1/projects", new { name = "Before the crash" });
        return userId;
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostJsonAsync(url, body);
        response.EnsureStatus(HttpStatusCode.Created);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }
}

[Collection(SharedRabbitMq.Name)]
public sealed class SqliteRabbitMqPublishingTests(RabbitMqBroker broker)
    : RabbitMqPublishingTests(() => new SqliteApp(), broker);

[Collection(SharedRabbitMq.Name)]
public sealed class PostgresRabbitMqPublishingTests(RabbitMqBroker broker)
    : RabbitMqPublishingTests(() => new PostgresApp(), broker);
