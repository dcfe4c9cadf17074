namespace Taskforge.Infrastructure.Telemetry;

/// <summary>A Prometheus-style histogram of durations: fixed buckets, a count and a sum, lock-free.</summary>
public sealed class LatencyHistogram
{
    /// <summary>Upper bounds in seconds, from a fast cached read to a request that timed out.</summary>
    public static readonly double[] Bounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly long[] _buckets = new long[Bounds.Length + 1];
    private long _count;
    private long _sumMicroseconds;

    public long Count => Interlocked.Read(ref _count);

    public double SumSeconds => Interlocked.Read(ref _sumMicroseconds) / 1_000_000.0;

    public void Record(double seconds)
    {
        var index = Array.BinarySearch(Bounds, seconds);
        Interlocked.Increment(ref _buckets[index >= 0 ? index : ~index]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicroseconds, (long)(seconds * 1_000_000));
    }

    /// <summary>Cumulative counts per bound (the last is +Inf), as Prometheus's <c>_bucket</c> series want them.</summary>
    public long[] Cumulative()
    {
        var cumulative = new long[_buckets.Length];
        long running = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            running += Interlocked.Read(ref _buckets[i]);
            cumulative[i] = running;
        }

        return cumulative;
    }

    /// <summary>Takes the counts recorded since the last call (for the shared weekly figures).</summary>
    public long[] Drain()
    {
        var drained = new long[_buckets.Length];
        for (var i = 0; i < _buckets.Length; i++)
        {
            drained[i] = Interlocked.Exchange(ref _buckets[i], 0);
        }

        return drained;
    }

    /// <summary>Adds counts per bucket back (a flush that failed gives back what it drained).</summary>
    public void Add(long[] counts)
    {
        for (var i = 0; i < _buckets.Length && i < counts.Length; i++)
        {
            Interlocked.Add(ref _buckets[i], counts[i]);
        }
    }

    /// <summary>The upper bound (seconds) of the bucket holding the <paramref name="quantile"/>; null without data.</summary>
    public static double? Quantile(IReadOnlyList<long> buckets, double quantile)
    {
        var total = buckets.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = quantile * total;
        long running = 0;
        for (var i = 0; i < buckets.Count; i++)
        {
            running += buckets[i];
            if (running >= rank)
            {
                return i < Bounds.Length ? Bounds[i] : double.PositiveInfinity;
            }
        }

        return double.PositiveInfinity;
    }
}
