using System.Data.Common;
using Dapper;
using Taskforge.Application.Common;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// The request's database connection, opened on first use, and its current transaction.
/// Repositories run every statement through it, so a use case's writes share one transaction.
/// A unit of work begun while a transaction is open (an idempotent request's, which must commit
/// the request's writes with its answer) becomes a savepoint in it, and keeps its own fate.
/// </summary>
public sealed class DbSession(IConnectionFactory factory) : IUnitOfWork, IAsyncDisposable
{
    private readonly List<Func<Task>> _afterCommit = [];
    private DbConnection? _connection;
    private DbTransaction? _transaction;
    private IDisposable? _writerTurn;
    private int _savepoints;
    private int _openUnits;
    private bool _requestTransaction;
    private bool _unitNotUndone;

    public IConnectionFactory Factory => factory;

    public bool InTransaction => _transaction is not null;

    public async Task<ITransaction> BeginAsync(CancellationToken ct)
    {
        if (_transaction is not null)
        {
            var savepoint = $"unit_{++_savepoints}";
            await ExecuteAsync($"SAVEPOINT {savepoint}", null, ct);
            _openUnits++;
            return new Savepoint(this, savepoint);
        }

        var connection = await ConnectionAsync(ct);
        _writerTurn = await factory.EnterWriteAsync(ct);
        try
        {
            _transaction = await connection.BeginTransactionAsync(ct);
        }
        catch
        {
            EndWriterTurn();
            throw;
        }

        return new SessionTransaction(this);
    }

    public async Task<ITransaction> BeginRequestAsync(CancellationToken ct)
    {
        var transaction = await BeginAsync(ct);
        _requestTransaction = true;
        return transaction;
    }

    /// <summary>
    /// Runs an action once the current transaction has committed (at once when there is none);
    /// cache invalidation must wait for the commit, or a reader could cache the old rows again.
    /// </summary>
    public Task AfterCommitAsync(Func<Task> action)
    {
        if (_transaction is null)
        {
            return action();
        }

        _afterCommit.Add(action);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken ct)
    {
        var connection = await ConnectionAsync(ct);
        var rows = await connection.QueryAsync<T>(Command(sql, parameters, ct));
        return rows.AsList();
    }

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters, CancellationToken ct)
    {
        var connection = await ConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters, ct));
    }

    public async Task<T?> ExecuteScalarAsync<T>(string sql, object? parameters, CancellationToken ct)
    {
        var connection = await ConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<T>(Command(sql, parameters, ct));
    }

    public async Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken ct)
    {
        var connection = await ConnectionAsync(ct);
        return await connection.ExecuteAsync(Command(sql, parameters, ct));
    }

    /// <summary>
    /// Runs a conditional write: no row touched means the condition (usually the version) no
    /// longer holds; a unique index refusing it is a value, not an exception.
    /// </summary>
    public async Task<WriteOutcome> WriteAsync(string sql, object? parameters, CancellationToken ct)
    {
        // Outside a use case's unit this write would commit alone; inside a request's transaction a
        // refused one must not spoil the rest (PostgreSQL aborts a transaction at its first error).
        if (_requestTransaction && _openUnits == 0)
        {
            await using var alone = await BeginAsync(ct);
            var outcome = await WriteOnceAsync(sql, parameters, ct);
            if (outcome != WriteOutcome.Duplicate)
            {
                await alone.CommitAsync(ct);
            }

            return outcome;
        }

        return await WriteOnceAsync(sql, parameters, ct);
    }

    private async Task<WriteOutcome> WriteOnceAsync(string sql, object? parameters, CancellationToken ct)
    {
        try
        {
            return await ExecuteAsync(sql, parameters, ct) > 0 ? WriteOutcome.Written : WriteOutcome.VersionMismatch;
        }
        catch (DbException e) when (factory.IsUniqueViolation(e))
        {
            return WriteOutcome.Duplicate;
        }
    }

    private void EndWriterTurn()
    {
        _writerTurn?.Dispose();
        _writerTurn = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }

        EndWriterTurn();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private CommandDefinition Command(string sql, object? parameters, CancellationToken ct) =>
        new(sql, parameters, _transaction, cancellationToken: ct);

    private async ValueTask<DbConnection> ConnectionAsync(CancellationToken ct) =>
        _connection ??= await factory.OpenAsync(ct);

    private sealed class SessionTransaction(DbSession session) : ITransaction
    {
        public async Task CommitAsync(CancellationToken ct)
        {
            if (session._unitNotUndone)
            {
                throw new InvalidOperationException("A unit of work in this transaction could not be undone.");
            }

            await session._transaction!.CommitAsync(ct);
            var committed = session._afterCommit.ToArray();
            await EndAsync();
            foreach (var action in committed)
            {
                await action();
            }
        }

        public async ValueTask DisposeAsync() => await EndAsync();

        private async ValueTask EndAsync()
        {
            if (session._transaction is { } transaction)
            {
                session._transaction = null;
                await transaction.DisposeAsync();
            }

            session.EndWriterTurn();

            session._afterCommit.Clear();
            session._openUnits = 0;
            session._requestTransaction = false;
            session._unitNotUndone = false;
        }
    }

    /// <summary>A unit of work inside an open transaction: its commit keeps its writes for the outer commit, its end without one undoes them.</summary>
    private sealed class Savepoint(DbSession session, string name) : ITransaction
    {
        private bool _ended;

        public async Task CommitAsync(CancellationToken ct)
        {
            await EndAsync($"RELEASE SAVEPOINT {name}", ct);
        }

        public async ValueTask DisposeAsync()
        {
            // A session whose outer transaction already ended has nothing left to undo.
            if (!_ended && session._transaction is not null)
            {
                try
                {
                    await EndAsync($"ROLLBACK TO SAVEPOINT {name}; RELEASE SAVEPOINT {name}", CancellationToken.None);
                }
                catch (DbException)
                {
                    // Usually the connection is gone; the failure that brought us here is the one to report,
                    // and the transaction must not commit.
                    session._unitNotUndone = true;
                }
            }
        }

        private async Task EndAsync(string sql, CancellationToken ct)
        {
            _ended = true;
            session._openUnits--;
            await session.ExecuteAsync(sql, null, ct);
        }
    }
}
