using Dapper;
using Microsoft.Data.Sqlite;
using Taskforge.Infrastructure.Persistence;

namespace Taskforge.UnitTests.Infrastructure;

/// <summary>A list of ids as one parameter on SQLite: the same statement text for any length, and the right rows.</summary>
public sealed class IdListsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(2000)]
    public async Task Sqlite_finds_exactly_the_listed_ids_whatever_their_number(int count)
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var all = Enumerable.Range(0, 3000).Select(_ => Guid.CreateVersion7()).ToList();
        await connection.ExecuteAsync("CREATE TABLE things (id TEXT NOT NULL PRIMARY KEY)");
        await connection.ExecuteAsync(
            "INSERT INTO things (id) VALUES (@Id)",
            all.Select(id => new { Id = id.ToString("D") })
        );
        var listed = all.Where((_, i) => i % 3 == 1).Take(count).ToList();

        var found = await connection.QueryAsync<string>(
            $"SELECT id FROM things WHERE {IdLists.Matches(DatabaseProvider.Sqlite, "id", "ids")} ORDER BY id",
            new { ids = IdLists.Values(DatabaseProvider.Sqlite, listed) }
        );

        found.Should().Equal(listed.Select(id => id.ToString("D")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Sqlite_gets_one_parameter_so_the_text_does_not_change_with_the_list()
    {
        // Dapper expands an enumerable into one parameter per element, a new text per length,
        // which SQLite's writer connection would parse and plan again each time.
        IdLists
            .Values(DatabaseProvider.Sqlite, [Guid.CreateVersion7(), Guid.CreateVersion7()])
            .Should()
            .BeOfType<string>();
        IdLists.Values(DatabaseProvider.Postgres, [Guid.CreateVersion7()]).Should().BeOfType<Guid[]>();
    }
}
