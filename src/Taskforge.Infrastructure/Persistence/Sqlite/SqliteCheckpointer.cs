using System.Data.Common;

namespace Taskforge.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Copies the WAL back into the database file off the writers' path. Left to SQLite, the commit
/// that crosses the WAL's auto-checkpoint threshold (1,000 pages) does the copy and its fsync
/// itself, holding the one writer's turn while every queued writer waits: the p99 of writes.
/// The writer connection turns that off (<c>wal_autocheckpoint = 0</c>), and after a group commit
/// this starts a passive checkpoint on a connection of its own, at most one at a time and one
/// per <see cref="Interval"/>: it runs beside the writers (a passive checkpoint takes no write
/// lock) and copies what every reader has moved past. Under steady writes it never quite
/// catches up, though (writers append while it copies), and SQLite starts the WAL over only once
/// every frame is copied: when a checkpoint leaves the WAL longer than <see cref="CatchUpFrames"/>,
/// the writer copies the few frames still missing in its own turn, after a group commit, and the
/// next transaction starts the WAL from its beginning. The bulk of the copying stays off the path.
/// </summary>
internal sealed class SqliteCheckpointer(Func<CancellationToken, Task<DbConnection>> open) : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// WAL frames (pages) a checkpoint may leave before the writer catches up: half SQLite's own
    /// auto-checkpoint threshold, since writers keep appending until the writer's next turn.
    /// </summary>
    public const int CatchUpFrames = 500;

    private Task _running = Task.CompletedTask;
    private long _lastStarted = long.MinValue / 2;
    private long _checkpoints;
    private int _busy;
    private int _catchUp;

    /// <summary>Checkpoints completed so far (for <c>/metrics</c>).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Called after each group commit; starts a checkpoint unless one runs or began less than <see cref="Interval"/> ago.</summary>
    public void AfterCommit()
    {
        var now = Environment.TickCount64;
        if (now - Interlocked.Read(ref _lastStarted) < (long)Interval.TotalMilliseconds)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return;
        }

        Interlocked.Exchange(ref _lastStarted, now);
        _running = Task.Run(CheckpointAsync);
    }

    /// <summary>True once after a checkpoint left the WAL long: the writer should copy the rest in its turn.</summary>
    public bool TakeCatchUp() => Interlocked.Exchange(ref _catchUp, 0) == 1;

    public async ValueTask DisposeAsync() => await _running;

    private async Task CheckpointAsync()
    {
        try
        {
            await using var connection = await open(CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            await using (var result = await command.ExecuteReaderAsync())
            {
                // One row: busy, frames in the WAL, frames copied.
                if (await result.ReadAsync() && result.GetInt64(1) >= CatchUpFrames)
                {
                    Volatile.Write(ref _catchUp, 1);
                }
            }

            Interlocked.Increment(ref _checkpoints);
        }
        catch (DbException)
        {
            // The database is unreachable (disk full, file gone): the WAL keeps the commits
            // meanwhile, and the next group commit starts another checkpoint.
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }
}
