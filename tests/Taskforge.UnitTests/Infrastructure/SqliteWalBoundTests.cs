using Dapper;
using Microsoft.Data.Sqlite;
using Taskforge.Infrastructure.Persistence.Sqlite;

namespace Taskforge.UnitTests.Infrastructure;

/// <summary>
/// The WAL's length does not depend on the checkpoints beside the writers: when they fall behind
/// (they never get a connection, or one copies for as long as the writers append), the writer's
/// own backstop bounds it (<see cref="SqliteCheckpointer.BackstopFrames"/>).
/// </summary>
public sealed class SqliteWalBoundTests : IAsyncLifetime, IDisposable
{
    private const int Commits = 300;
    private const int BlobBytes = 256 * 1024;
    private const long PageBytes = 4096;
    private const long WalHeaderBytes = 32;
    private const long FrameBytes = 24 + PageBytes;

    private ItemsDatabase _database = null!;

    public async Task InitializeAsync() => _database = await ItemsDatabase.CreateAsync("wal");

    public void Dispose() => _database.Dispose();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Commits_that_outrun_the_checkpoints_beside_them_keep_the_wal_at_the_backstop()
    {
        await using (var connection = await _database.Factory.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("CREATE TABLE blobs (b BLOB NOT NULL)");
        }

        var release = new TaskCompletionSource();
        var stalled = new SqliteCheckpointer(
            async ct =>
            {
                await release.Task;
                return await _database.Factory.OpenAsync(ct);
            },
            SqliteCheckpointer.DefaultInterval
        );
        var largest = 0L;
        var restarts = 0L;
        try
        {
            await using var writer = new SqliteGroupCommit(_database.Factory.OpenAsync, stalled);
            largest = await WriteBlobsAsync(writer);
            restarts = writer.WalRestarts;
        }
        finally
        {
            release.SetResult();
            await stalled.DisposeAsync();
        }

        // Each commit frees the last blob's pages and writes a new one: 64 pages and a few more
        // (twice that is room to spare). Without the backstop this WAL grew to 80 MB.
        var commitFrames = 2 * BlobBytes / PageBytes;
        largest.Should().BeLessThan((SqliteCheckpointer.BackstopFrames + 2 * commitFrames) * FrameBytes);
        restarts.Should().BePositive("the writer copied the WAL itself (taskforge_sqlite_wal_restarts_total)");
    }

    /// <summary>
    /// A checkpoint beside the writers holds SQLite's checkpoint lock for as long as it copies
    /// (on a busy disk its fsync can take hundreds of milliseconds), and while it does no other
    /// checkpoint can start: SQLite's own auto-checkpoint gave up at once, and on a busy CI machine
    /// the writers appended 15 MB meanwhile. Here the lock is held by another process (as it would
    /// be by an operator's sqlite3 shell) for as long as the checkpoint beside the writers runs,
    /// until the WAL reaches the backstop. The writer must wait for that checkpoint before it
    /// commits again.
    /// </summary>
    [Fact]
    public async Task A_checkpoint_that_copies_for_long_holds_the_writer_back_at_the_backstop()
    {
        // Held open to the end: with no connection open (another test's ClearAllPools closes the
        // idle ones), SQLite deletes the -shm file the lock is taken on.
        await using var keeper = await _database.Factory.OpenAsync(CancellationToken.None);
        await keeper.ExecuteAsync("CREATE TABLE blobs (b BLOB NOT NULL)");

        using var lockHolder = CheckpointLockHolder.Start(_database.File + "-shm");
        var commits = 0;
        var commitsWhenCopied = -1;
        var checkpointer = new SqliteCheckpointer(
            async ct =>
            {
                await lockHolder.ReleasedAsync();
                Interlocked.CompareExchange(ref commitsWhenCopied, Volatile.Read(ref commits), -1); // the first
                return await _database.Factory.OpenAsync(ct);
            },
            SqliteCheckpointer.DefaultInterval
        );

        var wal = new FileInfo(_database.File + "-wal");
        var largest = 0L;
        var commitsAtBackstop = -1;
        var restarts = 0L;
        await using (var writer = new SqliteGroupCommit(_database.Factory.OpenAsync, checkpointer))
        {
            for (var i = 0; i < Commits; i++)
            {
                await WriteBlobAsync(writer);
                Volatile.Write(ref commits, i + 1);
                wal.Refresh();
                largest = Math.Max(largest, wal.Length);
                if (
                    commitsAtBackstop < 0
                    && (wal.Length - WalHeaderBytes) / FrameBytes >= SqliteCheckpointer.BackstopFrames
                )
                {
                    commitsAtBackstop = i + 1;
                    lockHolder.Release();
                }
            }

            restarts = writer.WalRestarts;
        }

        await checkpointer.DisposeAsync();
        commitsAtBackstop.Should().BePositive("nothing copied the WAL while the lock was held");
        commitsWhenCopied.Should().Be(commitsAtBackstop, "no commit came between the backstop and the copy");
        var commitFrames = 2 * BlobBytes / PageBytes;
        largest.Should().BeLessThan((SqliteCheckpointer.BackstopFrames + 2 * commitFrames) * FrameBytes);
        restarts.Should().BePositive();
    }

    /// <summary>
    /// A reader that holds an old snapshot (an operator's shell, a long export) keeps the WAL from
    /// starting over, and the writer's restart waits for it in vain, up to its busy timeout. It
    /// must not pay that wait on every commit while the reader holds on: 300 commits past the
    /// backstop paid it each time would take over a minute.
    /// </summary>
    [Fact]
    public async Task A_reader_that_holds_the_wal_delays_the_writer_rarely_not_at_every_commit()
    {
        await using var keeper = await _database.Factory.OpenAsync(CancellationToken.None);
        await keeper.ExecuteAsync("CREATE TABLE blobs (b BLOB NOT NULL)");
        await using var reader = (SqliteConnection)await _database.Factory.OpenAsync(CancellationToken.None);
        await using var snapshot = reader.BeginTransaction(deferred: true); // a read takes no write lock
        await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM blobs", transaction: snapshot);

        var checkpointer = new SqliteCheckpointer(_database.Factory.OpenAsync, SqliteCheckpointer.DefaultInterval);
        await using (var writer = new SqliteGroupCommit(_database.Factory.OpenAsync, checkpointer))
        {
            var writes = WriteBlobsAsync(writer);
            await writes.WaitAsync(TimeSpan.FromSeconds(30));
            writer.WalRestarts.Should().Be(0, "the reader kept the WAL from starting over");
        }

        await checkpointer.DisposeAsync();
    }

    private static async Task WriteBlobAsync(SqliteGroupCommit writer)
    {
        await using var write = await writer.BeginAsync(CancellationToken.None);
        await write.Connection.ExecuteAsync(
            $"DELETE FROM blobs; INSERT INTO blobs (b) VALUES (zeroblob({BlobBytes}))",
            transaction: write.Transaction
        );
        await write.CommitAsync(CancellationToken.None);
    }

    private async Task<long> WriteBlobsAsync(SqliteGroupCommit writer)
    {
        var wal = new FileInfo(_database.File + "-wal");
        var largest = 0L;
        for (var i = 0; i < Commits; i++)
        {
            await WriteBlobAsync(writer);
            wal.Refresh();
            largest = Math.Max(largest, wal.Exists ? wal.Length : 0);
        }

        return largest;
    }
}
