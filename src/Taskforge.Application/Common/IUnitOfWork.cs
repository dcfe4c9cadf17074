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
    /// <summary>Commits a transaction that holds no requirement that could fail (see <see cref="TryCommitAsync"/>).</summary>
    Task CommitAsync(CancellationToken ct);

    /// <summary>
    /// Commits unless a requirement of the transaction does not hold when the database checks it
    /// (a project held for a task written into it, a task updated at the version read): then
    /// nothing of the transaction is written and the answer says which, as
    /// <see cref="WriteOutcome.Refused"/> or <see cref="WriteOutcome.VersionMismatch"/>. The
    /// requirements may travel with the commit itself, so their outcome is known only here.
    /// </summary>
    Task<WriteOutcome> TryCommitAsync(CancellationToken ct);
}
