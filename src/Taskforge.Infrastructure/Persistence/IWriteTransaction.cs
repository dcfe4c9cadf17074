using System.Data.Common;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// A write transaction as the provider runs it: the connection and transaction its statements
/// go through, and a commit that returns once the writes are durable. Disposing it without a
/// commit undoes its writes. On PostgreSQL the session may end it with a COMMIT statement of its
/// own instead, sent with its last writes; Npgsql then knows it has ended.
/// </summary>
public interface IWriteTransaction : IAsyncDisposable
{
    DbConnection Connection { get; }

    DbTransaction Transaction { get; }

    Task CommitAsync(CancellationToken ct);
}
