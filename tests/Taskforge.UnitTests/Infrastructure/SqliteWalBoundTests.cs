using Dapper;
using Taskforge.Infrastructure.Persistence.Sqlite;

namespace Taskforge.UnitTests.Infrastructure;

/// <summary>
/// The WAL's length does not depend on the checkpoints beside the writers: when they fall behind
/// (here they never get a connection), the writer's own backstop bounds it
/// (<see cref="SqliteCheckpointer.BackstopFrames"/>).
/// </summary>
public sealed class SqliteWalBoundTests : IAsyncLifetime, IDisposable
{
    private const int Commits = 300;
    private const int BlobBytes = 256 * 1024;
    private const long PageBytes = 4096;

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
        try
        {
            await using var writer = new SqliteGroupCommit(_database.Factory.OpenAsync, stalled);
            largest = await WriteBlobsAsync(writer);
        }
        finally
        {
            release.SetResult();
            await stalled.DisposeAsync();
        }

        // Each commit frees the last blob's pages and writes a new one: 64 pages and a few more
        // (twice that is room to spare). Without the backstop this WAL grew to 80 MB.
        var commitFrames = 2 * BlobBytes / PageBytes;
        largest.Should().BeLessThan((SqliteCheckpointer.BackstopFrames + 2 * commitFrames) * PageBytes);
    }

    private async Task<long> WriteBlobsAsync(SqliteGroupCommit writer)
    {
        var wal = new FileInfo(_database.File + "-wal");
        var largest = 0L;
        for (var i = 0; i < Commits; i++)
        {
            await using var write = await writer.BeginAsync(CancellationToken.None);
            await write.Connection.ExecuteAsync(
                $"DELETE FROM blobs; INSERT INTO blobs (b) VALUES (zeroblob({BlobBytes}))",
                transaction: write.Transaction
            );
            await write.CommitAsync(CancellationToken.None);
            wal.Refresh();
            largest = Math.Max(largest, wal.Exists ? wal.Length : 0);
        }

        return largest;
    }
}
