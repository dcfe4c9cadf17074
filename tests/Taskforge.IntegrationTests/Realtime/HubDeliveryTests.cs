using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;

namespace Taskforge.IntegrationTests.Realtime;

/// <summary>
/// The hub consumer's deliveries, on each database: a user's events get one only while the user
/// has a connection when the event is fanned out. A service process (real Kestrel, the hub, the
/// only dispatcher) runs on this fixture's database; the fixture itself dispatches nothing.
/// </summary>
public abstract class HubDeliveryTests(TaskforgeApp fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly TaskforgeApp _app = fixture.With("Workers:Enabled", "false");

    [Fact]
    public async Task A_users_events_get_hub_deliveries_only_while_the_user_has_a_connection()
    {
        var user = await _app.RegisterAsync();
        var environment = _app.DatabaseEnvironment();
        environment["Workers__PollSeconds"] = "0.1";
        await using var service = ServiceProcess.Start(environment);
        var url = await service.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));

        var away = await FannedOutEventOfAsync(user, "Made while away");
        (await HubDeliveriesAsync(user)).Should().NotContain(away, "nobody was connected to hear it");

        await using (var hub = await HubClient.ConnectAsync(url, user.AccessToken, "webSockets"))
        {
            var heard = await FannedOutEventOfAsync(user, "Made while connected");
            (await HubDeliveriesAsync(user)).Should().Contain(heard);
            await hub.WaitForEventAsync(e => e.GetProperty("id").GetGuid() == heard, "the event on the connection");
        }

        // Once the server has seen the connection close, and the user's last hub request is more
        // than HubConnections.Connecting (10 s) old, events go back to getting none.
        await Deadline.WaitUntilAsync(
            async () => !(await HubDeliveriesAsync(user)).Contains(await FannedOutEventOfAsync(user, "Made after")),
            TimeSpan.FromSeconds(60),
            "an event made after the connection closed to get no hub delivery"
        );
    }

    private async Task<Guid> FannedOutEventOfAsync(TestUser user, string title)
    {
        var task = await user.Client.CreateTaskAsync(title);
        var created = (await _app.OutboxEventsAsync(user.Id)).Single(e =>
            e.Type == "task.created" && e.Data.Id() == task.Id()
        );
        await Deadline.WaitUntilAsync(() => _app.IsFannedOutAsync(created.Id), Wait, $"'{title}' to be fanned out");
        return created.Id;
    }

    private async Task<IReadOnlyList<Guid>> HubDeliveriesAsync(TestUser user) =>
        (await _app.DeliveriesOfAsync(user.Id)).Where(d => d.Consumer == "hub").Select(d => d.EventId).ToList();
}

public sealed class SqliteHubDeliveryTests(SqliteApp app) : HubDeliveryTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresHubDeliveryTests(PostgresApp app) : HubDeliveryTests(app), IClassFixture<PostgresApp>;
