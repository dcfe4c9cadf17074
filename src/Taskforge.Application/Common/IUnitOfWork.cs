namespace Taskforge.Application.Common;

/// <summary>Groups the writes of one use case into one database transaction.</summary>
public interface IUnitOfWork
{
    Task<ITransaction> BeginAsync(CancellationToken ct);

    /// <summary>
    /// Opens the transaction a whole request runs in (an idempotent one, whose answer must commit with
    /// its writes): units of work begun meanwhile become savepoints in it, and a conditional write made
    /// outside any unit keeps its own fate, as if it had committed alone.
    /// </summary>
    Task<ITransaction> BeginRequestAsync(CancellationToken ct);
}

public interface ITransaction : IAsyncDisposable
{
    Task CommitAsync(CancellationToken ct);
}
