using Dapper;
using Microsoft.Data.Sqlite;
using Taskforge.Infrastructure.Persistence.Sqlite;

namespace Taskforge.UnitTests.Infrastructure;

/// <summary>
/// A SQLite database file of a test's own, in WAL mode with one table <c>items (n INTEGER
/// PRIMARY KEY)</c>, reached through the production connection factory; its folder goes with it.
/// </summary>
internal sealed class ItemsDatabase : IAsyncDisposable, IDisposable
{
    private readonly string _folder;

    private ItemsDatabase(string folder)
    {
        _folder = folder;
        Factory = new SqliteConnectionFactory($"Data Source={Path.Combine(folder, "db.sqlite")}");
    }

    public SqliteConnectionFactory Factory { get; }

    /// <summary>The database file (its WAL is beside it, with <c>-wal</c> appended).</summary>
    public string File => Path.Combine(_folder, "db.sqlite");

    public static async Task<ItemsDatabase> CreateAsync(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"taskforge-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var database = new ItemsDatabase(folder);
        await using var connection = await database.Factory.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL; CREATE TABLE items (n INTEGER PRIMARY KEY)");
        return database;
    }

    public void Dispose() => Factory.Dispose();

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
