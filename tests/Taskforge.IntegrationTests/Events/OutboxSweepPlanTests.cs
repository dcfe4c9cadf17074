using Dapper;
using Taskforge.Infrastructure.Persistence;
using Taskforge.Infrastructure.Persistence.Outbox;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;

namespace Taskforge.IntegrationTests.Events;

/// <summary>
/// The dispatcher's timed look for waiting events must read the waiting index whatever the
/// statistics say. PostgreSQL's statistics lag behind a queue table: analysed while thousands of
/// events waited, they still say so after the events have gone out, and a plan chosen by that
/// estimate scanned the whole table for the newest few on every sweep.
/// </summary>
public sealed class OutboxSweepPlanTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task The_sweep_reads_the_waiting_index_even_when_statistics_say_everything_waits()
    {
        await app.RegisterAsync(); // starts the app, which migrates its database
        await using var connection = await app.OpenAsync();
        // In a transaction that is rolled back: the dispatcher never sees these rows, and the
        // statistics ANALYZE writes are undone with them.
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO outbox_events (id, type, user_id, occurred_at, envelope)
            SELECT gen_random_uuid(), 'test.plan', NULL, now() - n * interval '1 second', '{}'
            FROM generate_series(1, 5000) n;
            ANALYZE outbox_events;
            UPDATE outbox_events SET fanned_out = true WHERE type = 'test.plan' AND occurred_at < now() - interval '3 seconds';
            """,
            transaction: transaction
        );

        var plan = string.Join(
            "\n",
            await connection.QueryAsync<string>(
                "EXPLAIN " + OutboxDeliveries.WaitingProbe(DatabaseProvider.Postgres),
                transaction: transaction
            )
        );
        await transaction.RollbackAsync();

        plan.Should().Contain("ix_outbox_events_waiting").And.NotContain("Seq Scan");
    }
}
