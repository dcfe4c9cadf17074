using System.Data.Common;
using Taskforge.Infrastructure.Persistence;
using Taskforge.Infrastructure.Persistence.Sqlite;

namespace Taskforge.UnitTests.Infrastructure;

/// <summary>
/// SQLite's group commit, on a real database file: writers that queue share one transaction,
/// yet each keeps its own fate, and none is answered before its write is durable.
/// </summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime, IDisposable
{
    private ItemsDatabase _database = null!;

    private SqliteConnectionFactory Factory => _database.Factory;

    public async Task InitializeAsync() => _database = await ItemsDatabase.CreateAsync("group");

    public void Dispose() => _database.Dispose();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Concurrent_writers_keep_their_own_fate_and_each_is_answered_only_once_its_write_is_readable()
    {
        const int writers = 64;
        var seenAfterCommit = new bool[writers];

        await Task.WhenAll(
            Enumerable
                .Range(0, writers)
                .Select(n =>
                    Task.Run(async () =>
                    {
                        await using var write = await Factory.BeginWriteAsync(CancellationToken.None);
                        await ExecuteAsync(write.Connection, write.Transaction, $"INSERT INTO items (n) VALUES ({n})");
                        if (n % 3 == 0)
                        {
                            return; // ends without a commit: its insert must be undone, and only its own
                        }

                        await write.CommitAsync(CancellationToken.None);
                        seenAfterCommit[n] = await CountAsync($"SELECT COUNT(*) FROM items WHERE n = {n}") == 1;
                    })
                )
        );

        var kept = await ItemsAsync();
        kept.Should().Equal(Enumerable.Range(0, writers).Where(n => n % 3 != 0).Select(n => (long)n));
        seenAfterCommit.Where((_, n) => n % 3 != 0).Should().OnlyContain(seen => seen);
    }

    [Fact]
    public async Task A_writer_whose_statement_fails_leaves_the_writers_around_it_untouched()
    {
        await using (var first = await Factory.BeginWriteAsync(CancellationToken.None))
        {
            await ExecuteAsync(first.Connection, first.Transaction, "INSERT INTO items (n) VALUES (1)");
            await first.CommitAsync(CancellationToken.None);
        }

        var duplicate = Task.Run(async () =>
        {
            await using var write = await Factory.BeginWriteAsync(CancellationToken.None);
            await ExecuteAsync(write.Connection, write.Transaction, "INSERT INTO items (n) VALUES (2)");
            await ExecuteAsync(write.Connection, write.Transaction, "INSERT INTO items (n) VALUES (1)");
        });
        var other = Task.Run(async () =>
        {
            await using var write = await Factory.BeginWriteAsync(CancellationToken.None);
            await ExecuteAsync(write.Connection, write.Transaction, "INSERT INTO items (n) VALUES (3)");
            await write.CommitAsync(CancellationToken.None);
        });

        await FluentActions.Awaiting(() => duplicate).Should().ThrowAsync<DbException>();
        await other;
        (await ItemsAsync()).Should().Equal(1L, 3L);
    }

    [Fact]
    public async Task A_writers_turn_keeps_what_its_savepoint_could_restore_in_memory_not_in_a_temporary_file()
    {
        await using var write = await Factory.BeginWriteAsync(CancellationToken.None);
        await using var command = write.Connection.CreateCommand();
        command.Transaction = write.Transaction;
        command.CommandText = "PRAGMA temp_store";

        // 2 is MEMORY; the default (0) writes a savepoint's sub-journal to a file, a system call a page.
        (await command.ExecuteScalarAsync())
            .Should()
            .Be(2L);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await Factory.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<long>> ItemsAsync()
    {
        await using var connection = await Factory.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT n FROM items ORDER BY n";
        await using var reader = await command.ExecuteReaderAsync();
        var items = new List<long>();
        while (await reader.ReadAsync())
        {
            items.Add(reader.GetInt64(0));
        }

        return items;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
