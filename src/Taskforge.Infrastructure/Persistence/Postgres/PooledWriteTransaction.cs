using System.Data.Common;

namespace Taskforge.Infrastructure.Persistence.Postgres;

/// <summary>A write transaction on a connection of its own, which goes back to its pool when the transaction ends.</summary>
internal sealed class PooledWriteTransaction(DbConnection connection, DbTransaction transaction) : IWriteTransaction
{
    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    public Task CommitAsync(CancellationToken ct) => transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync();
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
