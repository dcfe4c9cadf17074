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
/// A member that ends without committing waits until the group it was in has settled: its
/// writer may have lost a version race to a write still pending there, and the retry's read,
/// on another connection, must see that write.
/// The writer connection keeps its statements prepared across commands (<see cref="SqliteWriterConnection"/>).
/// </summary>
internal sealed class SqliteGroupCommit(
    Func<CancellationToken, Task<DbConnection>> open,
    SqliteCheckpointer checkpointer
) : IAsyncDisposable
{
    private const string Member = "group_member";
    private const int RestartBusyTimeout = 200; // milliseconds
    private readonly SemaphoreSlim _turn = new(1, 1);
    private SqliteWriterConnection? _connection;
    private DbTransaction? _group;
    private TaskCompletionSource _groupSettled = Settled();
    private List<TaskCompletionSource> _members = [];
    private bool _commitQueued;
    private long _commits;
    private long _committedWrites;
    private long _walRestarts;
    private int _restartAtFrames = SqliteCheckpointer.BackstopFrames;

    /// <summary>Group transactions committed so far.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Writers' turns those commits answered (divided by <see cref="Commits"/>: the average group).</summary>
    public long CommittedWrites => Interlocked.Read(ref _committedWrites);

    /// <summary>Times the writer copied the WAL and started it over itself, at the backstop.</summary>
    public long WalRestarts => Interlocked.Read(ref _walRestarts);

    /// <summary>Statements the writer ran without preparing them again.</summary>
    public long StatementCacheHits => _connection?.StatementCacheHits ?? 0;

    public async Task<IWriteTransaction> BeginAsync(CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        try
        {
            _connection ??= await OpenWriterAsync(ct);
            if (_group is not null && !InTransaction(_connection))
            {
                // SQLite rolled the whole transaction back (disk full, I/O error): the members
                // waiting for it must not be told their writes were kept.
                FailGroup(new InvalidOperationException("SQLite rolled back the group transaction."));
            }

            if (_group is null)
            {
                _group = await _connection.BeginTransactionAsync(ct);
                _groupSettled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            await ExecuteAsync($"SAVEPOINT {Member}", ct);
            return new Turn(this);
        }
        catch
        {
            _ = QueueCommit();
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

    // Checkpoints are the checkpointer's business; the writer copies the WAL only to catch up with
    // one or past the backstop (see SqliteCheckpointer.BackstopFrames), never inside a commit:
    // SqliteWalLength takes the auto-checkpoint's place. Every turn is a savepoint, and SQLite
    // keeps the pages a savepoint may have to restore in a sub-journal: in a temporary file by
    // default, one write system call per page changed (more bytes than the WAL itself took under
    // the bench's creates). In memory it costs a copy, and it is emptied when the turn's savepoint
    // is released.
    private async Task<SqliteWriterConnection> OpenWriterAsync(CancellationToken ct)
    {
        var sqlite = (SqliteConnection)await open(ct);
        WriteRequirements.Register(sqlite);
        var connection = new SqliteWriterConnection(sqlite);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA temp_store = MEMORY";
        await command.ExecuteNonQueryAsync(ct);
        return connection;
    }

    // Runs with the turn held and no transaction open, after the members have their answers:
    // it delays the next turn, never a write already made.
    private async Task CatchUpWalAsync()
    {
        if (!checkpointer.TakeCatchUp())
        {
            return;
        }

        try
        {
            await ExecuteAsync("PRAGMA wal_checkpoint(PASSIVE)", CancellationToken.None);
        }
        catch (DbException)
        {
            // The background checkpoints try again.
        }
    }

    // Runs with the turn held and no transaction open, after the members have their answers, once
    // a commit left the WAL at the backstop. A checkpoint beside the writers holds SQLite's
    // checkpoint lock while it copies, and SQLite answers busy at once rather than wait for that
    // lock, so then the writer waits for that checkpoint and tries again. RESTART copies every
    // frame and waits for the readers still in the WAL, briefly (RestartBusyTimeout), so the next
    // transaction starts the WAL from its beginning. A reader that holds an old snapshot (an
    // operator's shell, a long export) makes that wait vain: the next try then comes only after
    // another StartFrames frames, so such a reader costs the writers one wait every few
    // megabytes, not one every commit.
    private async Task RestartWalAsync(int frames)
    {
        var restarted = false;
        try
        {
            await ExecuteAsync($"PRAGMA busy_timeout = {RestartBusyTimeout}", CancellationToken.None);
            try
            {
                restarted = await TryRestartWalAsync();
                if (!restarted)
                {
                    await checkpointer.Running;
                    restarted = await TryRestartWalAsync();
                }
            }
            finally
            {
                await ExecuteAsync(
                    $"PRAGMA busy_timeout = {SqliteConnectionFactory.BusyTimeout}",
                    CancellationToken.None
                );
            }
        }
        catch (DbException)
        {
            // The database is unreachable (disk full, file gone): tried again as if busy.
        }

        if (restarted)
        {
            Interlocked.Increment(ref _walRestarts);
        }
        else
        {
            _restartAtFrames = frames + SqliteCheckpointer.StartFrames;
        }
    }

    private async Task<bool> TryRestartWalAsync()
    {
        await using var command = _connection!.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(RESTART)";
        await using var result = await command.ExecuteReaderAsync();
        return await result.ReadAsync() && result.GetInt64(0) == 0; // busy = 0: every frame copied
    }

    private static TaskCompletionSource Settled()
    {
        var settled = new TaskCompletionSource();
        settled.SetResult();
        return settled;
    }

    private static bool InTransaction(SqliteWriterConnection connection) =>
        SQLitePCL.raw.sqlite3_get_autocommit(connection.Inner.Handle) == 0;

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
        QueueCommit();
        return member.Task;
    }

    /// <summary>
    /// Makes sure a committer comes for the open group, even one whose turns all rolled back: an
    /// open transaction holds SQLite's write lock, which other connections (a worker process, an
    /// operator's shell) must get. Answers the task that completes when the group has settled.
    /// Runs with the turn held by the caller.
    /// </summary>
    private Task QueueCommit()
    {
        if (!_commitQueued && _group is not null)
        {
            _commitQueued = true;
            _ = Task.Run(CommitWhenTurnComesAsync);
        }

        return _groupSettled.Task;
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
        var settled = _groupSettled;
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
            settled.TrySetResult();
        }

        var walFrames = _connection!.WalFrames;
        if (walFrames < SqliteCheckpointer.BackstopFrames)
        {
            _restartAtFrames = SqliteCheckpointer.BackstopFrames; // the WAL started over
        }

        if (walFrames >= _restartAtFrames)
        {
            await RestartWalAsync(walFrames);
        }
        else
        {
            await CatchUpWalAsync();
        }

        checkpointer.AfterCommit(TakeFramesWritten());
    }

    // The pages this connection wrote to the WAL since the last call: SQLite counts them per
    // connection (SQLITE_DBSTATUS_CACHE_WRITE), and only this one writes.
    private int TakeFramesWritten()
    {
        if (_connection is not { } connection)
        {
            return 0;
        }

        SQLitePCL.raw.sqlite3_db_status(
            connection.Inner.Handle,
            SQLitePCL.raw.SQLITE_DBSTATUS_CACHE_WRITE,
            out var frames,
            out _,
            1
        );
        return frames;
    }

    private void FailGroup(Exception reason)
    {
        foreach (var member in _members)
        {
            member.SetException(reason);
        }

        _members = [];
        _groupSettled.TrySetResult();
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
                _ = writer.QueueCommit();
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
                var settled = writer.QueueCommit();
                End();
                await settled;
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
