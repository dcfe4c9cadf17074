using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Taskforge.Infrastructure.Persistence;

namespace Taskforge.Infrastructure.Telemetry;

/// <summary>
/// Adds this instance's request tally to its <c>request_stats</c> row of the current hour, once a
/// minute and at shutdown, so the system report sees every instance's requests. A failed flush
/// gives the tally back for the next one.
/// </summary>
public sealed partial class RequestStatisticsFlusher(
    RequestStatistics statistics,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<RequestStatisticsFlusher> logger
) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly string _instance = $"{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Interval, time, stoppingToken);
                await FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the last tally is flushed below.
        }

        await FlushAsync(CancellationToken.None);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        var (buckets, errors) = statistics.Drain();
        var requests = buckets.Sum();
        if (requests == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DbSession>();
            var now = time.GetUtcNow();
            var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
            await using var transaction = await db.BeginAsync(ct);
            var row = await db.QuerySingleOrDefaultAsync<StoredTally>(
                "SELECT requests, errors, buckets FROM request_stats WHERE hour = @hour AND instance = @_instance",
                new { hour, _instance },
                ct
            );
            var merged = buckets.ToArray();
            if (row is not null)
            {
                var stored = Parse(row.Buckets);
                for (var i = 0; i < merged.Length && i < stored.Length; i++)
                {
                    merged[i] += stored[i];
                }
            }

            await db.ExecuteAsync(
                """
                INSERT INTO request_stats (hour, instance, requests, errors, buckets)
                VALUES (@hour, @instance, @requests, @errors, @buckets)
                ON CONFLICT (hour, instance) DO UPDATE SET requests = excluded.requests, errors = excluded.errors,
                    buckets = excluded.buckets
                """,
                new
                {
                    hour,
                    instance = _instance,
                    requests = requests + (row?.Requests ?? 0),
                    errors = errors + (row?.Errors ?? 0),
                    buckets = string.Join(",", merged.Select(n => n.ToString(CultureInfo.InvariantCulture))),
                },
                ct
            );
            await transaction.CommitAsync(ct);
        }
        catch (Exception e)
        {
            statistics.Restore(buckets, errors);
            LogFlushFailed(logger, e);
        }
    }

    public static long[] Parse(string buckets) =>
        buckets.Split(',').Select(n => long.Parse(n, CultureInfo.InvariantCulture)).ToArray();

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Could not store request statistics; they are kept for the next try"
    )]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);

    private sealed class StoredTally
    {
        public long Requests { get; set; }
        public long Errors { get; set; }
        public string Buckets { get; set; } = "";
    }
}
