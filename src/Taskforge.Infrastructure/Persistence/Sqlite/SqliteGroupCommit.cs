using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Taskforge.Infrastructure.Persistence.Sqlite;

/// <summary>
/// SQLite's writes, on one connection and in group commits. SQLite lets one writer in at a time,
/// so writers take turns here; each turn is a savepoint ("member") inside a transaction that
/// stays open while others wait for their turn. A member's commit releases its savepoint, hands
/// the turn on and waits; a committer, queued behind the members already waiting, commits them
/// all in one transaction and only then answers each of them. Many small commits become one, and
/// the one writer connection keeps its page cache (no other connection writes to invalidate it).
/// A member that fails rolls back to its savepoint: the others' writes stand. A commit that fails
/// fails every member of the group, so no write is ever acknowledged before it is durable.
/// </summary>
internal sealed class SqliteGroupCommit(Func<CancellationToken, Task<DbConnection>> open) : IAsyncDisposable
{
    private const string Member = "group_member";
    private readonly SemaphoreSlim _turn = new(1, 1);
    private DbConnection? _connection;
    private DbTransaction? _group;
    private List<TaskCompletionSource> _members = [];
    private bool _commitQueued;
    private long _commits;
    private long _committedWrites;

    /// <summary>Group transactions committed so far.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Writers' turns those commits answered (divided by <see cref="Commits"/>: the average group).</summary>
    public long CommittedWrites => Interlocked.Read(ref _committedWrites);

    public async Task<IWriteTransaction> BeginAsync(CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        try
        {
            _connection ??= await open(ct);
            if (_group is not null && !InTransaction(_connection))
            {
                // SQLite rolled the whole transaction back (disk full, I/O error): the members
                // waiting for it must not be told their writes were kept.
                FailGroup(new InvalidOperationException("SQLite rolled back the group transaction."));
            }

            _group ??= await _connection.BeginTransactionAsync(ct);
            await ExecuteAsync($"SAVEPOINT {Member}", ct);
            return new Turn(this);
        }
        catch
        {
            _turn.Release();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever still waits for a commit gets it (or its failure) before the connection goes.
        await _turn.WaitAsync();
        try
        {
            await CommitGroupAsync();
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    private static bool InTransaction(DbConnection connection) =>
        SQLitePCL.raw.sqlite3_get_autocommit(((SqliteConnection)connection).Handle) == 0;

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = _connection!.CreateCommand();
        command.Transaction = _group;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    // Runs with the turn held by the caller.
    private Task JoinGroupAsync()
    {
        var member = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _members.Add(member);
        if (!_commitQueued)
        {
            _commitQueued = true;
            _ = Task.Run(CommitWhenTurnComesAsync);
        }

        return member.Task;
    }

    private async Task CommitWhenTurnComesAsync()
    {
        await _turn.WaitAsync();
        try
        {
            await CommitGroupAsync();
        }
        finally
        {
            _turn.Release();
        }
    }

    // Runs with the turn held.
    private async Task CommitGroupAsync()
    {
        _commitQueued = false;
        if (_group is not { } group)
        {
            return;
        }

        var members = _members;
        _members = [];
        _group = null;
        try
        {
            await group.CommitAsync();
            Interlocked.Increment(ref _commits);
            Interlocked.Add(ref _committedWrites, members.Count);
            foreach (var member in members)
            {
                member.SetResult();
            }
        }
        catch (Exception e)
        {
            foreach (var member in members)
            {
                member.SetException(e);
            }
        }
        finally
        {
            await group.DisposeAsync();
        }
    }

    private void FailGroup(Exception reason)
    {
        foreach (var member in _members)
        {
            member.SetException(reason);
        }

        _members = [];
        try
        {
            _group?.Dispose();
        }
        catch (DbException)
        {
            // Nothing left to roll back.
        }

        _group = null;
    }

    /// <summary>One writer's turn: its savepoint in the group transaction.</summary>
    private sealed class Turn(SqliteGroupCommit writer) : IWriteTransaction
    {
        private bool _ended;

        public DbConnection Connection => writer._connection!;

        public DbTransaction Transaction => writer._group!;

        public async Task CommitAsync(CancellationToken ct)
        {
            Task committed;
            try
            {
                await writer.ExecuteAsync($"RELEASE SAVEPOINT {Member}", ct);
                committed = writer.JoinGroupAsync();
            }
            catch
            {
                await UndoAsync();
                throw;
            }
            finally
            {
                End();
            }

            // Not cancellable: once handed to the group, the write may be kept, and the caller
            // must learn whether it was.
            await committed;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_ended)
            {
                await UndoAsync();
                End();
            }
        }

        private async Task UndoAsync()
        {
            try
            {
                await writer.ExecuteAsync(
                    $"ROLLBACK TO SAVEPOINT {Member}; RELEASE SAVEPOINT {Member}",
                    CancellationToken.None
                );
            }
            catch (DbException)
            {
                // The transaction is gone (SQLite rolled it back); the next turn notices and fails its members.
            }
        }

        private void End()
        {
            if (!_ended)
            {
                _ended = true;
                writer._turn.Release();
            }
        }
    }
}
