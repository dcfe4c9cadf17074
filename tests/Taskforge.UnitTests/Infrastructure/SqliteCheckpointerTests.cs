using System.Data.Common;
using Taskforge.Infrastructure.Persistence.Sqlite;

namespace Taskforge.UnitTests.Infrastructure;

/// <summary>
/// When the checkpoints beside the writers start: after the first commit, then once the interval
/// has passed or <see cref="SqliteCheckpointer.StartFrames"/> frames were written, whichever comes
/// first, and never two at a time. The interval here is an hour, so only frames can start one.
/// </summary>
public sealed class SqliteCheckpointerTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private ItemsDatabase _database = null!;
    private int _opened;

    public async Task InitializeAsync() => _database = await ItemsDatabase.CreateAsync("checkpointer");

    public void Dispose() => _database.Dispose();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Frames_written_since_the_last_checkpoint_add_up_to_the_next()
    {
        await using var checkpointer = new SqliteCheckpointer(CountedOpenAsync, Hour);
        checkpointer.AfterCommit(1);
        Completed(checkpointer, 1).Should().BeTrue();

        checkpointer.AfterCommit(SqliteCheckpointer.StartFrames - 1);
        checkpointer.AfterCommit(1);

        Completed(checkpointer, 2).Should().BeTrue();
        _opened.Should().Be(2);
    }

    [Fact]
    public async Task A_checkpoint_that_runs_holds_back_the_next_however_many_frames_are_written()
    {
        var release = new TaskCompletionSource();
        await using var checkpointer = new SqliteCheckpointer(
            async ct =>
            {
                await release.Task;
                return await CountedOpenAsync(ct);
            },
            Hour
        );

        checkpointer.AfterCommit(SqliteCheckpointer.StartFrames);
        checkpointer.AfterCommit(SqliteCheckpointer.StartFrames);
        checkpointer.AfterCommit(SqliteCheckpointer.StartFrames);
        release.SetResult();
        await checkpointer.DisposeAsync(); // waits for the checkpoint that runs

        checkpointer.Checkpoints.Should().Be(1);
        _opened.Should().Be(1);
    }

    // Waits on the condition with a deadline; the checkpoint runs on the thread pool.
    private static bool Completed(SqliteCheckpointer checkpointer, long checkpoints) =>
        SpinWait.SpinUntil(() => checkpointer.Checkpoints == checkpoints, TimeSpan.FromSeconds(10));

    private Task<DbConnection> CountedOpenAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _opened);
        return _database.Factory.OpenAsync(ct);
    }
}
