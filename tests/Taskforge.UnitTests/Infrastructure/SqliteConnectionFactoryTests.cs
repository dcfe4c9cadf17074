using Taskforge.Infrastructure.Persistence.Sqlite;

namespace Taskforge.UnitTests.Infrastructure;

public sealed class SqliteConnectionFactoryTests
{
    [Theory]
    [InlineData("upper('zoë brontë')", "ZOË BRONTË")]
    [InlineData("lower('ZOË BRONTË')", "zoë brontë")]
    [InlineData("upper('ada')", "ADA")]
    [InlineData("upper(NULL)", null)]
    public async Task Case_folding_in_sql_matches_dotnet_beyond_ascii(string expression, string? expected)
    {
        var factory = new SqliteConnectionFactory("Data Source=:memory:");
        await using var connection = await factory.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {expression}";

        var result = await command.ExecuteScalarAsync();

        (result is DBNull ? null : result).Should().Be(expected);
    }

    [Fact]
    public async Task A_pooled_connection_opened_again_keeps_its_settings_and_case_folding()
    {
        var folder = Directory.CreateTempSubdirectory("taskforge-pool-");
        try
        {
            await using var factory = new SqliteConnectionFactory(
                $"Data Source={Path.Combine(folder.FullName, "pool.db")}"
            );
            object firstHandle;
            await using (var first = await factory.OpenAsync(CancellationToken.None))
            {
                firstHandle = ((Microsoft.Data.Sqlite.SqliteConnection)first).Handle!;
            }

            await using var again = await factory.OpenAsync(CancellationToken.None);

            // The same SQLite handle, back from the pool (Microsoft.Data.Sqlite takes functions off a handle when its connection closes).
            ((Microsoft.Data.Sqlite.SqliteConnection)again)
                .Handle.Should()
                .BeSameAs(firstHandle);
            (await ScalarAsync(again, "SELECT upper('zoë')")).Should().Be("ZOË");
            (await ScalarAsync(again, "PRAGMA foreign_keys")).Should().Be(1L);
            (await ScalarAsync(again, "PRAGMA synchronous")).Should().Be(1L); // NORMAL
            (await ScalarAsync(again, "PRAGMA busy_timeout")).Should().Be(5000L);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
