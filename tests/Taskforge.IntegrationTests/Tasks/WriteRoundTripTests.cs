using Npgsql;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Tasks;

/// <summary>
/// On PostgreSQL every round trip of a write holds one of the few write connections for another
/// network turn, so their number is part of the write path's cost: counted on the wire, between
/// the app and the server, with background work off so that only the request talks.
/// </summary>
public sealed class WriteRoundTripTests
{
    [Fact]
    public async Task A_create_is_one_round_trip_and_a_patch_two()
    {
        var app = new PostgresApp();
        await app.InitializeAsync();
        var server = new NpgsqlConnectionStringBuilder(app.ConnectionString);
        await using var counter = RoundTripCounter.Start(server.Host!, server.Port);
        var relayed = new NpgsqlConnectionStringBuilder(app.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = counter.Port,
        };
        app.With("ConnectionStrings:Postgres", relayed.ToString()).With("Workers:Enabled", "false");
        try
        {
            var (creates, patches) = await CountWritesAsync(app, counter);

            // BEGIN, the project's hold, the task, its tags, search row, history row, event and
            // the COMMIT go together as one command.
            creates.Should().AllBeEquivalentTo(1);
            // BEGIN rides on the read; then the hold, the UPDATE that checks the version, the rest
            // and the COMMIT in one command.
            patches.Should().AllBeEquivalentTo(2);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    private static async Task<(List<int> Creates, List<int> Patches)> CountWritesAsync(
        TaskforgeApp app,
        RoundTripCounter counter
    )
    {
        var user = await app.RegisterAsync();
        // The first create looks up the Inbox, whose id is then remembered.
        var first = await user.Client.CreateTaskAsync(new { title = "warm-up" });

        var creates = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            creates.Add(
                await counter.CountAsync(() =>
                    user.Client.CreateTaskAsync(new { title = $"counted {i}", tags = new[] { "a", "b" } })
                )
            );
        }

        var patches = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            patches.Add(
                await counter.CountAsync(async () =>
                    (
                        await user.Client.PatchAsync(
                            $"{TaskApi.Tasks}/{first.Text("id")}",
                            new { title = $"patched {i}" }
                        )
                    ).EnsureSuccessStatusCode()
                )
            );
        }

        return (creates, patches);
    }
}
