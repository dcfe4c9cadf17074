using System.Collections.Concurrent;

namespace Taskforge.Infrastructure.Telemetry;

/// <summary>
/// Every answered request of this process: a histogram per method, route template and status
/// for <c>/metrics</c>, and a running tally (requests, 5xx, latency buckets) that
/// <see cref="RequestStatisticsFlusher"/> adds to the shared <c>request_stats</c> rows for the
/// weekly system report.
/// </summary>
public sealed class RequestStatistics
{
    private readonly ConcurrentDictionary<(string Method, string Route, int Status), LatencyHistogram> _series = new();
    private readonly LatencyHistogram _unflushed = new();
    private long _unflushedErrors;

    public IEnumerable<KeyValuePair<(string Method, string Route, int Status), LatencyHistogram>> Series => _series;

    public void Record(string method, string route, int status, double seconds)
    {
        _series.GetOrAdd((method, route, status), _ => new LatencyHistogram()).Record(seconds);
        _unflushed.Record(seconds);
        if (status >= 500)
        {
            Interlocked.Increment(ref _unflushedErrors);
        }
    }

    /// <summary>Takes what was recorded since the last call: the latency buckets and the 5xx count.</summary>
    public (long[] Buckets, long Errors) Drain() => (_unflushed.Drain(), Interlocked.Exchange(ref _unflushedErrors, 0));

    /// <summary>Gives drained figures back after a failed flush, so they are counted at the next one.</summary>
    public void Restore(long[] buckets, long errors)
    {
        _unflushed.Add(buckets);
        Interlocked.Add(ref _unflushedErrors, errors);
    }
}
