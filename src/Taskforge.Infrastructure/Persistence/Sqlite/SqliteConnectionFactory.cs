using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Taskforge.Infrastructure.Persistence.Sqlite;

public sealed class SqliteConnectionFactory : IConnectionFactory, IAsyncDisposable, IDisposable
{
    /// <summary>Milliseconds a connection waits for a lock another holds before it gives up.</summary>
    public const int BusyTimeout = 5000;

    private const int SqliteConstraint = 19;
    private readonly string _connectionString;
    private readonly SqliteGroupCommit _writer;
    private readonly SqliteCheckpointer _checkpointer;

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
        _checkpointer = new SqliteCheckpointer(OpenAsync, SqliteCheckpointer.DefaultInterval);
        _writer = new SqliteGroupCommit(OpenAsync, _checkpointer);
    }

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);

        // Per-connection settings: under WAL, NORMAL loses no commit when the process dies
        // (only on power loss), and SQLite leaves foreign keys off unless asked.
        using var pragma = connection.CreateCommand();
        pragma.CommandText =
            "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = " + BusyTimeout;
        await pragma.ExecuteNonQueryAsync(ct);

        // SQLite's own upper() and lower() change ASCII letters only; searches compare names
        // with text that .NET normalised, so both sides must fold case the same way.
        connection.CreateFunction<string?, string?>("upper", text => text?.ToUpperInvariant(), isDeterministic: true);
        connection.CreateFunction<string?, string?>("lower", text => text?.ToLowerInvariant(), isDeterministic: true);
        return connection;
    }

    // Nothing to drop: a SQLite file that comes back is used again as it is
    // (SqliteDatabaseOutageTests).
    public void ForgetConnections() { }

    /// <summary>Every write goes through the one writer connection, in group commits (see <see cref="SqliteGroupCommit"/>).</summary>
    public Task<IWriteTransaction> BeginWriteAsync(CancellationToken ct) => _writer.BeginAsync(ct);

    /// <summary>Group commits so far, and the writes they committed (for <c>/metrics</c>).</summary>
    public (long Commits, long Writes) GroupCommits => (_writer.Commits, _writer.CommittedWrites);

    /// <summary>Statements the writer connection ran without preparing them again (for <c>/metrics</c>).</summary>
    public long StatementCacheHits => _writer.StatementCacheHits;

    /// <summary>WAL copies the writer made itself at the backstop (for <c>/metrics</c>).</summary>
    public long WalRestarts => _writer.WalRestarts;

    /// <summary>WAL checkpoints completed off the writers' path (for <c>/metrics</c>).</summary>
    public long Checkpoints => _checkpointer.Checkpoints;

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _checkpointer.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint } e
        && e.Message.Contains("UNIQUE", StringComparison.Ordinal);
}
