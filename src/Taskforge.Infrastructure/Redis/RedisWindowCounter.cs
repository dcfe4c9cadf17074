using StackExchange.Redis;

namespace Taskforge.Infrastructure.Redis;

/// <summary>Where a fixed window stands after one more hit: how many hits so far and when it resets.</summary>
public readonly record struct WindowCount(long Hits, TimeSpan ResetsIn);

/// <summary>
/// A fixed-window hit counter shared by every instance: one Lua script increments the key and
/// starts its expiry atomically, so N instances together never grant more than one quota.
/// </summary>
public sealed class RedisWindowCounter(RedisConnection redis)
{
    private const string Script = """
        local hits = redis.call('INCR', KEYS[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          ttl = tonumber(ARGV[1])
        end
        return { hits, ttl }
        """;

    public async Task<WindowCount> HitAsync(string key, TimeSpan window)
    {
        var result = (RedisResult[])
            (await redis.Database.ScriptEvaluateAsync(Script, [key], [(long)window.TotalMilliseconds]))!;
        return new WindowCount((long)result[0], TimeSpan.FromMilliseconds((long)result[1]));
    }
}
