using System.Globalization;
using Taskforge.Infrastructure.Persistence.Sqlite;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>
/// SQLite's WAL is copied back into the database file beside the writers (no commit does it),
/// often enough that the WAL stays far smaller than what the writes put through it, and never
/// longer than the writer's backstop and one group's frames, however slow the machine.
/// </summary>
public sealed class SqliteCheckpointTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const int Writers = 8;
    private const int TasksPerWriter = 75;
    private const int FrameBytes = 24 + 4096;

    // A group is about one create per writer, 25 frames each (4 KB of description, its words in
    // the full-text index, its event and history), and the largest seen here was 375 frames:
    // 600 is room to spare. About 10.2 MiB.
    private const long WalLimit = (SqliteCheckpointer.BackstopFrames + 600) * FrameBytes;

    [Fact]
    public async Task Checkpoints_run_beside_the_writers_and_keep_the_wal_small()
    {
        var user = await app.RegisterAsync();
        var description = string.Join(
            ' ',
            Enumerable.Range(0, 600).Select(i => "word" + i.ToString(CultureInfo.InvariantCulture))
        );
        var largestWal = 0L;

        await Task.WhenAll(
            Enumerable
                .Range(0, Writers)
                .Select(async writer =>
                {
                    for (var i = 0; i < TasksPerWriter; i++)
                    {
                        await user.Client.CreateTaskAsync(new { title = $"task {writer}-{i}", description });
                        var wal = new FileInfo(app.DatabaseFile + "-wal");
                        wal.Refresh();
                        if (wal.Exists)
                        {
                            Interlocked.Exchange(
                                ref largestWal,
                                Math.Max(Interlocked.Read(ref largestWal), wal.Length)
                            );
                        }
                    }
                })
        );

        await Deadline.WaitUntilAsync(
            async () => await CheckpointsAsync() > 0,
            TimeSpan.FromSeconds(10),
            "a checkpoint in /metrics"
        );
        largestWal.Should().BeLessThan(WalLimit, "the writer copies the WAL itself once it reaches the backstop");
        (await user.Client.ListAllAsync(TaskApi.Tasks, 100)).Should().HaveCount(Writers * TasksPerWriter);
    }

    private async Task<long> CheckpointsAsync()
    {
        var text = await app.CreateClient().GetStringAsync("/metrics");
        var line = text.Split('\n')
            .Single(l => l.StartsWith("taskforge_sqlite_checkpoints_total ", StringComparison.Ordinal));
        return long.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
    }
}
