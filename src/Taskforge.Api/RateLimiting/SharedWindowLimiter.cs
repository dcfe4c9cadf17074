using System.Threading.RateLimiting;
using Taskforge.Infrastructure.Redis;

namespace Taskforge.Api.RateLimiting;

/// <summary>
/// A fixed-window limiter whose counter lives in Redis, so every instance draws on one quota.
/// If Redis cannot be reached the request is let through: an outage of the limiter's store
/// must not become an outage of the API.
/// </summary>
public sealed partial class SharedWindowLimiter(
    string key,
    WindowPolicy policy,
    RedisWindowCounter counter,
    ILogger logger
) : RateLimiter
{
    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    // Deciding needs a round-trip to Redis, which the synchronous path cannot make; answering
    // "not acquired" here sends the middleware to AcquireAsync, which can.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Undecided;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(
        int permitCount,
        CancellationToken cancellationToken
    )
    {
        try
        {
            var count = await counter.HitAsync(key, policy.Window);
            return count.Hits <= policy.PermitLimit ? Lease.Granted : Lease.Rejected(count.ResetsIn);
        }
        catch (Exception e)
            when (e is StackExchange.Redis.RedisException or TimeoutException or ObjectDisposedException)
        {
            LogRedisUnavailable(e);
            return Lease.Granted;
        }
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Rate limit counters unavailable in Redis; letting the request through"
    )]
    private partial void LogRedisUnavailable(Exception exception);

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static Lease Granted { get; } = new(true, null);

        public static Lease Undecided { get; } = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public static Lease Rejected(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
