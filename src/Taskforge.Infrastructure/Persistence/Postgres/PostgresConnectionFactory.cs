using System.Data.Common;
using Npgsql;

namespace Taskforge.Infrastructure.Persistence.Postgres;

/// <summary>
/// Two pools of connections: one for reads, and one for write transactions that holds at most
/// <c>concurrentWrites</c> connections, where writers beyond that wait (in the process, holding
/// nothing). On a server with few cores, sixteen writers each on a connection of their own spent
/// its CPU on each other: a backend process per writer taking turns on the cores, each with cold
/// caches, on the same index pages; a few connections, each kept busy, wrote more and sooner
/// (README, Writes).
/// </summary>
public sealed class PostgresConnectionFactory(string connectionString, int concurrentWrites)
    : IConnectionFactory,
        IDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(WithDefaults(connectionString));
    private readonly NpgsqlDataSource _writers = NpgsqlDataSource.Create(
        WithDefaults(connectionString, maxPoolSize: concurrentWrites)
    );

    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public async Task<DbConnection> OpenAsync(CancellationToken ct) => await _dataSource.OpenConnectionAsync(ct);

    public bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    // Npgsql empties the pool whose connection broke; the other pool's idle connections are as
    // broken, and the first write after an outage would otherwise fail on one of them.
    public void ForgetConnections()
    {
        _dataSource.Clear();
        _writers.Clear();
    }

    /// <summary>A transaction on a connection of the writers' pool, returned to it when the transaction ends.</summary>
    public async Task<IWriteTransaction> BeginWriteAsync(CancellationToken ct)
    {
        var connection = await _writers.OpenConnectionAsync(ct);
        try
        {
            return new PooledWriteTransaction(connection, await connection.BeginTransactionAsync(ct));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        _writers.Dispose();
    }

    /// <summary>
    /// Statements are prepared on the server after their second use (Npgsql's automatic
    /// preparation, off unless asked): every statement of this app is fixed text, so parsing and
    /// planning it once per pooled connection saves a parse and plan on every request. A pooled
    /// connection is not reset when returned (No Reset On Close): the reset is six statements
    /// (RESET ALL, UNLISTEN, advisory unlock, ...) that PostgreSQL runs on every open, and this
    /// app never changes session state (no SET, no LISTEN; its advisory locks are transaction
    /// locks or released in a finally). An operator's own values in the connection string win.
    /// </summary>
    internal static string WithDefaults(string connectionString, int? maxPoolSize = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (maxPoolSize is { } size)
        {
            builder.MaxPoolSize = size;
            builder.MinPoolSize = Math.Min(builder.MinPoolSize, size);
        }

        var keys = connectionString.Replace(" ", "", StringComparison.Ordinal);
        if (!keys.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 256;
        }

        if (!keys.Contains("AutoPrepareMinUsages", StringComparison.OrdinalIgnoreCase))
        {
            builder.AutoPrepareMinUsages = 2;
        }

        if (!keys.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
