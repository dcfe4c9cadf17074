using System.Globalization;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;

namespace Taskforge.IntegrationTests.Platform;

/// <summary>
/// SQLite's WAL is copied back into the database file beside the writers (no commit does it),
/// often enough that the WAL stays far smaller than what the writes put through it.
/// </summary>
public sealed class SqliteCheckpointTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const int Writers = 8;
    private const int TasksPerWriter = 75;
    private const long WalLimit = 10 * 1024 * 1024;

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
        largestWal
            .Should()
            .BeLessThan(WalLimit, "600 creates of 4 KB descriptions put about twice that through the WAL");
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
