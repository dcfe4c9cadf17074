using System.Data.Common;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>Opens a ready-to-use connection of the configured provider; the only place dialects differ at run time.</summary>
public interface IConnectionFactory
{
    DatabaseProvider Provider { get; }

    Task<DbConnection> OpenAsync(CancellationToken ct);

    bool IsUniqueViolation(DbException exception);

    /// <summary>
    /// Waits until this process may open a write transaction, and holds that right until the
    /// returned value is disposed. SQLite has one writer at a time; waiting here, asynchronously,
    /// is cheaper than colliding on its lock (the driver then sleeps a pooled thread and retries).
    /// PostgreSQL needs no such turn-taking: it returns null.
    /// </summary>
    ValueTask<IDisposable?> EnterWriteAsync(CancellationToken ct);
}
