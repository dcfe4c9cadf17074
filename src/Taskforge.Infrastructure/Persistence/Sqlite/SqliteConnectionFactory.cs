using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Taskforge.Infrastructure.Persistence.Sqlite;

public sealed class SqliteConnectionFactory : IConnectionFactory, IDisposable
{
    private const int SqliteConstraint = 19;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writer = new(1, 1);

    public SqliteConnectionFactory(string connectionString)
    {
        SQLitePCL.Batteries_V2.Init();
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
        if (
            builder.DataSource is { Length: > 0 } file
            && file != ":memory:"
            && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder
        )
        {
            Directory.CreateDirectory(folder);
        }

        _connectionString = builder.ToString();
    }

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);

        // Per-connection settings: under WAL, NORMAL loses no commit when the process dies
        // (only on power loss), and SQLite leaves foreign keys off unless asked.
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";
        await pragma.ExecuteNonQueryAsync(ct);

        // SQLite's own upper() and lower() change ASCII letters only; searches compare names
        // with text that .NET normalised, so both sides must fold case the same way.
        connection.CreateFunction<string?, string?>("upper", text => text?.ToUpperInvariant(), isDeterministic: true);
        connection.CreateFunction<string?, string?>("lower", text => text?.ToLowerInvariant(), isDeterministic: true);
        return connection;
    }

    public async ValueTask<IDisposable?> EnterWriteAsync(CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        return new WriterTurn(_writer);
    }

    public void Dispose() => _writer.Dispose();

    public bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint } e
        && e.Message.Contains("UNIQUE", StringComparison.Ordinal);

    private sealed class WriterTurn(SemaphoreSlim writer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                writer.Release();
            }
        }
    }
}
