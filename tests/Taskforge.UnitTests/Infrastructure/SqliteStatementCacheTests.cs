using System.Data.Common;
using Dapper;
using Taskforge.Infrastructure.Persistence.Sqlite;

namespace Taskforge.UnitTests.Infrastructure;

/// <summary>
/// The writer connection's prepared statements, reused from one command to the next with the
/// same text, on a real database file: reuse must change nothing a writer can observe (failures,
/// rollbacks, parameters, texts that Dapper rewrites), however many texts go through it.
/// </summary>
public sealed class SqliteStatementCacheTests : IAsyncLifetime, IDisposable
{
    private const string Insert = "INSERT INTO items (n) VALUES (@n)";
    private ItemsDatabase _database = null!;

    private SqliteConnectionFactory Factory => _database.Factory;

    public async Task InitializeAsync() => _database = await ItemsDatabase.CreateAsync("stmt");

    public void Dispose() => _database.Dispose();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_repeated_text_runs_without_being_prepared_again_with_each_call_s_own_parameters()
    {
        await WriteAsync(Insert, new { n = 0 });
        var hitsBefore = Factory.StatementCacheHits;

        for (var n = 1; n <= 20; n++)
        {
            await WriteAsync(Insert, new { n });
        }

        (await ItemsAsync()).Should().Equal(Enumerable.Range(0, 21).Select(n => (long)n));

        // Each turn also runs its savepoint's statements through the cache.
        (Factory.StatementCacheHits - hitsBefore)
            .Should()
            .BeGreaterThanOrEqualTo(20);
    }

    [Fact]
    public async Task Texts_far_beyond_the_cache_s_bound_all_run_and_the_first_ones_still_work_after_eviction()
    {
        for (var n = 0; n < 400; n++)
        {
            await WriteAsync($"INSERT INTO items (n) VALUES ({n})", null);
        }

        // Evicted long ago: prepared anew, and still right.
        await WriteAsync("DELETE FROM items WHERE n = 0", null);
        await WriteAsync("INSERT INTO items (n) VALUES (0)", null);

        (await ItemsAsync()).Should().Equal(Enumerable.Range(0, 400).Select(n => (long)n));
    }

    [Fact]
    public async Task A_unique_violation_through_a_reused_statement_is_reported_and_its_text_keeps_working()
    {
        await WriteAsync(Insert, new { n = 1 });

        await using (var write = await Factory.BeginWriteAsync(CancellationToken.None))
        {
            await write.Connection.ExecuteAsync(Insert, new { n = 2 }, write.Transaction);
            var duplicate = () => write.Connection.ExecuteAsync(Insert, new { n = 1 }, write.Transaction);
            await duplicate.Should().ThrowAsync<DbException>().Where(e => Factory.IsUniqueViolation(e));

            // The failed statement was reset: the same text runs again in the same turn.
            await write.Connection.ExecuteAsync(Insert, new { n = 3 }, write.Transaction);
            await write.CommitAsync(CancellationToken.None);
        }

        await WriteAsync(Insert, new { n = 4 });
        (await ItemsAsync()).Should().Equal(1L, 2L, 3L, 4L);
    }

    [Fact]
    public async Task A_turn_rolled_back_to_its_savepoint_leaves_its_statements_usable_by_the_next_turn()
    {
        await using (var undone = await Factory.BeginWriteAsync(CancellationToken.None))
        {
            await undone.Connection.ExecuteAsync(Insert, new { n = 1 }, undone.Transaction);
            (await undone.Connection.QueryAsync<long>("SELECT n FROM items", transaction: undone.Transaction))
                .Should()
                .Equal(1L);
        }

        await WriteAsync(Insert, new { n = 1 });
        await using (var write = await Factory.BeginWriteAsync(CancellationToken.None))
        {
            (await write.Connection.QueryAsync<long>("SELECT n FROM items", transaction: write.Transaction))
                .Should()
                .Equal(1L);
        }

        (await ItemsAsync()).Should().Equal(1L);
    }

    [Fact]
    public async Task A_text_that_Dapper_rewrites_for_a_list_keeps_its_parameters_whatever_the_list_s_length()
    {
        for (var n = 0; n < 10; n++)
        {
            await WriteAsync(Insert, new { n });
        }

        await using var write = await Factory.BeginWriteAsync(CancellationToken.None);
        foreach (var wanted in new[] { new[] { 1L, 3L }, [2L, 4L, 6L, 8L], [5L], [1L, 3L] })
        {
            var found = await write.Connection.QueryAsync<long>(
                "SELECT n FROM items WHERE n IN @wanted AND n < @below ORDER BY n",
                new { wanted, below = 7 },
                write.Transaction
            );
            found.Should().Equal(wanted.Where(n => n < 7).Order());
        }
    }

    [Fact]
    public async Task Parameters_bind_by_name_with_or_without_a_prefix_and_in_every_statement_of_a_text()
    {
        // Dapper names these "n" and "m" (it strips an @); the writer gives them back their @.
        await WriteAsync("INSERT INTO items (n) VALUES (@n); INSERT INTO items (n) VALUES (@m)", new { n = 1, m = 2 });
        var dollar = new DynamicParameters();
        dollar.Add("$n", 3);
        await WriteAsync("INSERT INTO items (n) VALUES ($n)", dollar);
        var at = new DynamicParameters();
        at.Add("@n", 4);
        await WriteAsync(Insert, at);

        (await ItemsAsync()).Should().Equal(1L, 2L, 3L, 4L);
    }

    private async Task WriteAsync(string sql, object? parameters)
    {
        await using var write = await Factory.BeginWriteAsync(CancellationToken.None);
        await write.Connection.ExecuteAsync(sql, parameters, write.Transaction);
        await write.CommitAsync(CancellationToken.None);
    }

    private async Task<List<long>> ItemsAsync()
    {
        await using var connection = await Factory.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<long>("SELECT n FROM items ORDER BY n")).AsList();
    }
}
