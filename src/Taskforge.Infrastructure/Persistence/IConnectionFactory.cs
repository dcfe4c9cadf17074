using System.Data.Common;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>Opens a ready-to-use connection of the configured provider; the only place dialects differ at run time.</summary>
public interface IConnectionFactory
{
    DatabaseProvider Provider { get; }

    Task<DbConnection> OpenAsync(CancellationToken ct);

    bool IsUniqueViolation(DbException exception);

    /// <summary>
    /// After a statement failed because the database could not be reached: drops the pooled
    /// connections, which the outage has most likely broken too, so that the first statements
    /// after it open fresh ones instead of failing on stale ones.
    /// </summary>
    void ForgetConnections();

    /// <summary>
    /// Begins a write transaction on a connection of the writers' own, which the transaction
    /// gives back when it ends. PostgreSQL runs a few writers side by side, each on a connection
    /// of a small pool (<c>Database:ConcurrentWrites</c>). SQLite has one writer at a time: a turn
    /// on its one writer connection, inside a transaction shared with the writes that queued
    /// behind it (group commit).
    /// </summary>
    Task<IWriteTransaction> BeginWriteAsync(CancellationToken ct);
}
