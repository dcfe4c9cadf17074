using System.Data.Common;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// A write transaction as the provider runs it: the connection and transaction its statements
/// go through, and a commit that returns once the writes are durable. Disposing it without a
/// commit undoes its writes.
/// </summary>
public interface IWriteTransaction : IAsyncDisposable
{
    DbConnection Connection { get; }

    DbTransaction Transaction { get; }

    Task CommitAsync(CancellationToken ct);
}

/// <summary>A plain transaction on a connection of the caller's (PostgreSQL's, where writers run side by side).</summary>
internal sealed class ConnectionTransaction(DbConnection connection, DbTransaction transaction) : IWriteTransaction
{
    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    public Task CommitAsync(CancellationToken ct) => transaction.CommitAsync(ct);

    public ValueTask DisposeAsync() => transaction.DisposeAsync();
}
