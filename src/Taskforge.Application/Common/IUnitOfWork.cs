namespace Taskforge.Application.Common;

/// <summary>Groups the writes of one use case into one database transaction.</summary>
public interface IUnitOfWork
{
    Task<ITransaction> BeginAsync(CancellationToken ct);
}

public interface ITransaction : IAsyncDisposable
{
    Task CommitAsync(CancellationToken ct);
}
