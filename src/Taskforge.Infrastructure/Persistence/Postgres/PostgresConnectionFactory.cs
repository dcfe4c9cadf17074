using System.Data.Common;
using Npgsql;

namespace Taskforge.Infrastructure.Persistence.Postgres;

public sealed class PostgresConnectionFactory(string connectionString) : IConnectionFactory, IDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(WithDefaults(connectionString));

    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public async Task<DbConnection> OpenAsync(CancellationToken ct) => await _dataSource.OpenConnectionAsync(ct);

    public bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public async Task<IWriteTransaction> BeginWriteAsync(
        Func<CancellationToken, ValueTask<DbConnection>> ownConnection,
        CancellationToken ct
    )
    {
        var connection = await ownConnection(ct);
        return new ConnectionTransaction(connection, await connection.BeginTransactionAsync(ct));
    }

    public void Dispose() => _dataSource.Dispose();

    /// <summary>
    /// Statements are prepared on the server after their second use (Npgsql's automatic
    /// preparation, off unless asked): every statement of this app is fixed text, so parsing and
    /// planning it once per pooled connection saves a parse and plan on every request. A pooled
    /// connection is not reset when returned (No Reset On Close): the reset is six statements
    /// (RESET ALL, UNLISTEN, advisory unlock, ...) that PostgreSQL runs on every open, and this
    /// app never changes session state (no SET, no LISTEN; its advisory locks are transaction
    /// locks or released in a finally). An operator's own values in the connection string win.
    /// </summary>
    internal static string WithDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
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
