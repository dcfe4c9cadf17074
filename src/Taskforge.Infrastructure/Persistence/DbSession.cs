using System.Data.Common;
using Dapper;
using Taskforge.Application.Common;
using Taskforge.Infrastructure.Telemetry;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// The request's database connection, opened on first use, and its current transaction.
/// Repositories run every statement through it, so a use case's writes share one transaction.
/// A unit of work begun while a transaction is open (an idempotent request's, which must commit
/// the request's writes with its answer) becomes a savepoint in it, and keeps its own fate.
/// Transactions are the provider's (<see cref="IConnectionFactory.BeginWriteAsync"/>), on a
/// connection of the writers' (SQLite's one writer connection, PostgreSQL's writers' pool), so a
/// statement inside one goes there, not to the session's own connection.
/// </summary>
public sealed class DbSession(IConnectionFactory factory) : IUnitOfWork, IAsyncDisposable
{
    private readonly List<Func<Task>> _afterCommit = [];
    private readonly List<(string Sql, object? Parameters)> _deferred = [];
    private DbConnection? _connection;
    private IWriteTransaction? _write;
    private int _savepoints;
    private int _openUnits;
    private bool _requestTransaction;
    private bool _unitNotUndone;

    public IConnectionFactory Factory => factory;

    public bool InTransaction => _write is not null;

    public async Task<ITransaction> BeginAsync(CancellationToken ct)
    {
        if (_write is not null)
        {
            var savepoint = $"unit_{++_savepoints}";
            await ExecuteAsync($"SAVEPOINT {savepoint}", null, ct);
            _openUnits++;
            return new Savepoint(this, savepoint);
        }

        _write = await factory.BeginWriteAsync(ct);
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
        if (_write is null)
        {
            return action();
        }

        _afterCommit.Add(action);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Queues a write whose row count nobody reads (tag rows, history, outbox events) in the
    /// current transaction. The queued writes reach the database together, as one command, just
    /// before the session's next statement or with its commit: on PostgreSQL one round trip
    /// instead of one each (with the COMMIT in it), and every later statement still sees them. Outside a transaction the write
    /// runs at once. A failing queued write fails that next statement, or the commit.
    /// </summary>
    public Task DeferAsync(string sql, object? parameters, CancellationToken ct)
    {
        if (_write is null)
        {
            return ExecuteAsync(sql, parameters, ct);
        }

        _deferred.Add((sql, parameters));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Queues a condition the current transaction commits under: a boolean SQL expression (an
    /// EXISTS that holds a row, say), checked by the database where it stands among the queued
    /// writes. When it is false there, the writes queued after it are not made, and the
    /// transaction's <see cref="ITransaction.TryCommitAsync"/> writes nothing and answers
    /// <paramref name="otherwise"/>. On PostgreSQL the check goes out with the writes and the
    /// COMMIT: a create's hold of its project costs no round trip of its own.
    /// </summary>
    public Task RequireAsync(string condition, object? parameters, WriteOutcome otherwise, CancellationToken ct)
    {
        InTransactionOnly();
        return DeferAsync(WriteRequirements.Check(condition, otherwise), parameters, ct);
    }

    /// <summary>
    /// Queues a write that must change a row (an UPDATE whose WHERE holds its conditions, such as
    /// the version read): when it changes none, as <see cref="RequireAsync"/> with a false condition.
    /// </summary>
    public async Task RequireWriteAsync(string sql, object? parameters, WriteOutcome otherwise, CancellationToken ct)
    {
        InTransactionOnly();
        if (factory.Provider == DatabaseProvider.Postgres)
        {
            await DeferAsync(
                $"WITH written AS ({sql} RETURNING 1) "
                    + WriteRequirements.Check("EXISTS (SELECT 1 FROM written)", otherwise),
                parameters,
                ct
            );
            return;
        }

        // SQLite allows no write inside WITH; the queued statements run one by one on the
        // writer's connection, so changes() is still this write's count.
        await DeferAsync(sql, parameters, ct);
        await DeferAsync(WriteRequirements.Check("changes() > 0", otherwise), null, ct);
    }

    private void InTransactionOnly()
    {
        if (_write is null)
        {
            throw new InvalidOperationException("A requirement belongs to a transaction: begin one first.");
        }
    }

    /// <summary>Two result sets of one command: on PostgreSQL one round trip for both.</summary>
    public Task<(IReadOnlyList<T1> First, IReadOnlyList<T2> Second)> QueryTwoAsync<T1, T2>(
        string sql,
        object? parameters,
        CancellationToken ct
    ) =>
        TracedAsync<(IReadOnlyList<T1>, IReadOnlyList<T2>)>(
            sql,
            async connection =>
            {
                await using var results = await connection.QueryMultipleAsync(Command(sql, parameters, ct));
                var first = (await results.ReadAsync<T1>()).AsList();
                var second = (await results.ReadAsync<T2>()).AsList();
                return (first, second);
            },
            ct
        );

    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken ct) =>
        TracedAsync<IReadOnlyList<T>>(
            sql,
            async connection => (await connection.QueryAsync<T>(Command(sql, parameters, ct))).AsList(),
            ct
        );

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters, CancellationToken ct) =>
        TracedAsync(sql, connection => connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters, ct)), ct);

    public Task<T?> ExecuteScalarAsync<T>(string sql, object? parameters, CancellationToken ct) =>
        TracedAsync(sql, connection => connection.ExecuteScalarAsync<T>(Command(sql, parameters, ct)), ct);

    public Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken ct) =>
        TracedAsync(sql, connection => connection.ExecuteAsync(Command(sql, parameters, ct)), ct);

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
        // Queued writes first, so that a unique index refusing one of them is not taken for this write's.
        await ConnectionAsync(ct);
        try
        {
            return await ExecuteAsync(sql, parameters, ct) > 0 ? WriteOutcome.Written : WriteOutcome.VersionMismatch;
        }
        catch (DbException e) when (factory.IsUniqueViolation(e))
        {
            return WriteOutcome.Duplicate;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_write is not null)
        {
            await _write.DisposeAsync();
            _write = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private async Task<T> TracedAsync<T>(string sql, Func<DbConnection, Task<T>> run, CancellationToken ct)
    {
        if (_write is null && factory.Provider == DatabaseProvider.Sqlite && !IsSelect(sql))
        {
            // A write outside a transaction still belongs on SQLite's one writer connection: as a
            // unit of its own, it waits its turn there instead of colliding with the writer's lock.
            await using var alone = await BeginAsync(ct);
            var result = await TracedAsync(sql, run, ct);
            await alone.CommitAsync(ct);
            return result;
        }

        using var activity = DatabaseTracing.StartCommand(factory.Provider, sql);
        try
        {
            return await run(await ConnectionAsync(ct));
        }
        catch (Exception e)
        {
            DatabaseTracing.Failed(activity, e);
            ForgetConnectionsAfterOutage(e);
            throw;
        }
    }

    private void ForgetConnectionsAfterOutage(Exception e)
    {
        if (DatabaseOutage.IsOutage(e))
        {
            factory.ForgetConnections();
        }
    }

    private static bool IsSelect(string sql) =>
        sql.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);

    private CommandDefinition Command(string sql, object? parameters, CancellationToken ct) =>
        new(sql, parameters, _write?.Transaction, cancellationToken: ct);

    private async ValueTask<DbConnection> OwnConnectionAsync(CancellationToken ct) =>
        _connection ??= await factory.OpenAsync(ct);

    // Every statement asks for the connection first, so this is where queued writes go out.
    private async ValueTask<DbConnection> ConnectionAsync(CancellationToken ct)
    {
        var connection = _write?.Connection ?? await OwnConnectionAsync(ct);
        if (_deferred.Count > 0)
        {
            await FlushAsync(connection, ct);
        }

        return connection;
    }

    private async Task FlushAsync(DbConnection connection, CancellationToken ct)
    {
        // SQLite runs in this process: joining statements saves no round trip, only costs the renaming.
        if (_deferred.Count == 1 || factory.Provider == DatabaseProvider.Sqlite)
        {
            var queued = _deferred.ToArray();
            _deferred.Clear();
            foreach (var (sql, parameters) in queued)
            {
                await connection.ExecuteAsync(Command(sql, parameters, ct));
            }

            return;
        }

        var (combinedSql, combinedParameters) = Combined();
        _deferred.Clear();
        await connection.ExecuteAsync(Command(combinedSql, combinedParameters, ct));
    }

    // On PostgreSQL the writes still queued and the COMMIT go as one command, one round trip
    // where there were two. A failing write skips the COMMIT (the server ignores the rest of the
    // command after an error) and the transaction is rolled back when it ends, as before; Npgsql
    // sees the COMMIT in the server's answer, so the transaction is not ended twice.
    private async Task CommitWriteAsync(CancellationToken ct)
    {
        var write = _write!;
        if (_deferred.Count > 0 && factory.Provider == DatabaseProvider.Postgres)
        {
            var (sql, parameters) = Combined();
            _deferred.Clear();
            await write.Connection.ExecuteAsync(Command(sql + "COMMIT", parameters, ct));
            return;
        }

        await ConnectionAsync(ct);
        await write.CommitAsync(ct);
    }

    // A commit where no requirement may fail: one that does is a caller's mistake, not an outcome.
    private static async Task CommitAllAsync(ITransaction transaction, CancellationToken ct)
    {
        if (await transaction.TryCommitAsync(ct) is var outcome and not WriteOutcome.Written)
        {
            throw new InvalidOperationException(
                $"A requirement of this transaction failed ({outcome}): commit it with TryCommitAsync and answer the outcome."
            );
        }
    }

    private (string, object?) Combined()
    {
        var (sql, parameters) = StatementBatch.Combine(_deferred);
        return (sql, parameters);
    }

    private sealed class SessionTransaction(DbSession session) : ITransaction
    {
        public Task CommitAsync(CancellationToken ct) => CommitAllAsync(this, ct);

        public async Task<WriteOutcome> TryCommitAsync(CancellationToken ct)
        {
            if (session._unitNotUndone)
            {
                throw new InvalidOperationException("A unit of work in this transaction could not be undone.");
            }

            try
            {
                await session.CommitWriteAsync(ct);
            }
            catch (Exception e) when (WriteRequirements.Failed(e) is { } failed)
            {
                // Nothing was committed; ending the transaction (its disposal) rolls it back.
                return failed;
            }
            catch (Exception e)
            {
                session.ForgetConnectionsAfterOutage(e);
                throw;
            }

            var committed = session._afterCommit.ToArray();
            await EndAsync();
            foreach (var action in committed)
            {
                await action();
            }

            return WriteOutcome.Written;
        }

        public async ValueTask DisposeAsync() => await EndAsync();

        private async ValueTask EndAsync()
        {
            if (session._write is { } write)
            {
                session._write = null;
                await write.DisposeAsync();
            }

            session._afterCommit.Clear();
            session._deferred.Clear();
            session._openUnits = 0;
            session._requestTransaction = false;
            session._unitNotUndone = false;
        }
    }

    /// <summary>A unit of work inside an open transaction: its commit keeps its writes for the outer commit, its end without one undoes them.</summary>
    private sealed class Savepoint(DbSession session, string name) : ITransaction
    {
        private bool _ended;

        public Task CommitAsync(CancellationToken ct) => CommitAllAsync(this, ct);

        public async Task<WriteOutcome> TryCommitAsync(CancellationToken ct)
        {
            try
            {
                // The unit's queued writes and checks first, with the unit still open, so that a
                // failed check leaves it for DisposeAsync to undo.
                await session.ConnectionAsync(ct);
            }
            catch (Exception e) when (WriteRequirements.Failed(e) is { } failed)
            {
                return failed;
            }

            await EndAsync($"RELEASE SAVEPOINT {name}", ct);
            return WriteOutcome.Written;
        }

        public async ValueTask DisposeAsync()
        {
            // A session whose outer transaction already ended has nothing left to undo.
            if (!_ended && session._write is not null)
            {
                // Writes still queued were queued inside this unit (its SAVEPOINT statement sent
                // the earlier ones): undone with it, so they need not go out at all.
                session._deferred.Clear();
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
