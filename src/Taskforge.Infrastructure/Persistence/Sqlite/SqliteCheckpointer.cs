using System.Data.Common;

namespace Taskforge.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Copies the WAL back into the database file off the writers' path. Left to SQLite, the commit
/// that crosses the WAL's auto-checkpoint threshold (1,000 pages) does the copy and its fsync
/// itself, holding the one writer's turn while every queued writer waits: the p99 of writes.
/// After a group commit this starts a passive checkpoint on a connection of its own, one at a
/// time, once <see cref="StartFrames"/> frames were written since the last began or
/// <see cref="DefaultInterval"/> has passed: it runs beside the writers (a passive checkpoint
/// takes no write lock) and copies what every reader has moved past. Under steady writes it
/// never quite catches up, though (writers append while it copies), and SQLite starts the WAL
/// over only once every frame is copied: when a checkpoint leaves the WAL longer than
/// <see cref="CatchUpFrames"/>, the writer copies the few frames still missing in its own turn,
/// after a group commit, and the next transaction starts the WAL from its beginning. The bulk of
/// the copying stays off the path.
/// All of that depends on timing: the thread pool starting a checkpoint in time, a checkpoint
/// finishing before the writers append much more (on a busy disk its fsync can take hundreds of
/// milliseconds), no reader in the way of the restart. So the writer bounds the WAL itself: a
/// commit that leaves it at <see cref="BackstopFrames"/> or more makes the writer wait for the
/// checkpoint that runs, then copy the WAL and start it over in its turn.
/// </summary>
internal sealed class SqliteCheckpointer(Func<CancellationToken, Task<DbConnection>> open, TimeSpan interval)
    : IAsyncDisposable
{
    /// <summary>The longest wait for a checkpoint after a commit when few frames were written.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// WAL frames (pages) written since the last checkpoint began that start the next one at
    /// once: SQLite's own threshold. How often to copy follows how much was written, not the
    /// clock: by the clock alone, the bench's creates grew a 15 MB WAL (3,800 frames) between
    /// two copies, and a machine that writes faster grows a longer one.
    /// </summary>
    public const int StartFrames = 1000;

    /// <summary>
    /// WAL frames a checkpoint may leave before the writer catches up: half
    /// <see cref="StartFrames"/>, since writers keep appending until the writer's next turn.
    /// </summary>
    public const int CatchUpFrames = 500;

    /// <summary>
    /// The WAL's length, read after each commit (<see cref="SqliteWalLength"/>), at which the
    /// writer copies the WAL and starts it over itself, whatever the checkpoints beside it do
    /// (about 8 MB). The checkpoints above keep it well under this while the machine keeps up
    /// (about 5 MB at most under 8 writers of 4 KB descriptions); on a busy CI machine, where
    /// the writer left the copying to them and SQLite's own auto-checkpoint, it once reached
    /// 15 MB: SQLite's copy gives up at once while another checkpoint runs.
    /// </summary>
    public const int BackstopFrames = 2000;

    private Task _running = Task.CompletedTask;
    private long _lastStarted = long.MinValue / 2;
    private long _framesSinceStart;
    private long _checkpoints;
    private int _busy;
    private int _catchUp;

    /// <summary>The checkpoint that runs beside the writers, or a completed task if none does.</summary>
    public Task Running => _running;

    /// <summary>Checkpoints completed so far (for <c>/metrics</c>).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>
    /// Called after each group commit with the frames it wrote; starts a checkpoint unless one
    /// runs, or the last began less than the interval ago and fewer than
    /// <see cref="StartFrames"/> frames were written since.
    /// </summary>
    public void AfterCommit(int framesWritten)
    {
        var frames = Interlocked.Add(ref _framesSinceStart, framesWritten);
        var now = Environment.TickCount64;
        if (frames < StartFrames && now - Interlocked.Read(ref _lastStarted) < (long)interval.TotalMilliseconds)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return;
        }

        Interlocked.Exchange(ref _lastStarted, now);
        Interlocked.Exchange(ref _framesSinceStart, 0);
        _running = Task.Run(CheckpointAsync);
    }

    /// <summary>True once after a checkpoint left the WAL long: the writer should copy the rest in its turn.</summary>
    public bool TakeCatchUp() => Interlocked.Exchange(ref _catchUp, 0) == 1;

    public async ValueTask DisposeAsync() => await _running;

    private async Task CheckpointAsync()
    {
        var completed = false;
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

            completed = true;
        }
        catch (DbException)
        {
            // The database is unreachable (disk full, file gone): the WAL keeps the commits
            // meanwhile, and the next group commit starts another checkpoint.
        }
        finally
        {
            // Free before counted: whoever sees the count (a test, /metrics) may start the next.
            // Counted while still busy, commits right after the count found a checkpoint running.
            Volatile.Write(ref _busy, 0);
            if (completed)
            {
                Interlocked.Increment(ref _checkpoints);
            }
        }
    }
}
