using FluentAssertions;
using Taskforge.Infrastructure.Telemetry;

namespace Taskforge.UnitTests.Telemetry;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Buckets_are_cumulative_and_the_last_counts_everything()
    {
        var histogram = new LatencyHistogram();
        foreach (var seconds in new[] { 0.0005, 0.001, 0.003, 0.2, 30 })
        {
            histogram.Record(seconds);
        }

        var cumulative = histogram.Cumulative();

        cumulative[0].Should().Be(2, "le=0.001 holds 0.0005 and exactly 0.001");
        cumulative[2].Should().Be(3, "le=0.005 adds 0.003");
        cumulative[^2].Should().Be(4, "le=10 holds all but the 30 s request");
        cumulative[^1].Should().Be(5);
        histogram.Count.Should().Be(5);
        histogram.SumSeconds.Should().BeApproximately(30.2045, 0.0001);
    }

    [Fact]
    public void The_quantile_is_the_bound_of_the_bucket_that_holds_it()
    {
        var counts = new long[LatencyHistogram.Bounds.Length + 1];
        counts[1] = 90; // le=0.0025
        counts[6] = 10; // le=0.1

        LatencyHistogram.Quantile(counts, 0.5).Should().Be(0.0025);
        LatencyHistogram.Quantile(counts, 0.95).Should().Be(0.1);
        LatencyHistogram.Quantile(new long[counts.Length], 0.95).Should().BeNull();
    }

    [Fact]
    public void Drain_takes_the_counts_and_add_gives_them_back()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(0.004);

        var drained = histogram.Drain();
        histogram.Cumulative()[^1].Should().Be(0);
        histogram.Add(drained);
        histogram.Cumulative()[^1].Should().Be(1);
    }
}
