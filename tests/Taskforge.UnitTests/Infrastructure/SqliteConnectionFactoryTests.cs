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
}
