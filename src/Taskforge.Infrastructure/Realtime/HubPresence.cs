using StackExchange.Redis;
using Taskforge.Infrastructure.Redis;

namespace Taskforge.Infrastructure.Realtime;

/// <summary>
/// Which users have a hub connection on some instance, kept in Redis so that whichever process
/// fans an event out can tell. Each instance marks its users when they connect and again every
/// <see cref="RefreshEvery"/>; a mark lasts <see cref="Lifetime"/>, so a user whose last
/// connection closed, or whose instance died, stops counting by then (until it does, their events
/// get deliveries that reach no one, as every event did before).
/// </summary>
public sealed class HubPresence
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How long after Redis comes back the marks are not trusted: a restarted Redis has lost them,
    /// and every instance marks its users again as soon as it sees Redis back, but an event fanned
    /// out before they did would find no mark and get no hub delivery.
    /// </summary>
    public static readonly TimeSpan RestoreGrace = TimeSpan.FromSeconds(10);

    private const long NeverRestored = long.MinValue;
    private readonly RedisConnection _redis;
    private readonly TimeProvider _time;
    private long _restoredAt = NeverRestored;

    public HubPresence(RedisConnection redis, TimeProvider time)
    {
        _redis = redis;
        _time = time;
        redis.Restored += () => Interlocked.Exchange(ref _restoredAt, time.GetTimestamp());
    }

    /// <summary>False without Redis: the API's hub then knows its connections itself.</summary>
    public bool IsShared => _redis.IsConfigured;

    /// <summary>
    /// Redis is connected now. A caller that must not wait (a request, a transaction) skips the
    /// marks when it is not, instead of queueing a command until it times out: whoever asks
    /// then counts everyone, and the refresher marks again when Redis is back.
    /// </summary>
    public bool IsReachable => _redis.IsConnected;

    /// <summary>
    /// Whether a missing mark means "not connected": Redis is reachable and came back more than
    /// <see cref="RestoreGrace"/> ago. Otherwise a fan-out counts everyone, as with Redis down.
    /// </summary>
    public bool IsTrusted => IsReachable && !InRestoreGrace;

    private bool InRestoreGrace
    {
        get
        {
            var restoredAt = Interlocked.Read(ref _restoredAt);
            return restoredAt != NeverRestored && _time.GetElapsedTime(restoredAt) < RestoreGrace;
        }
    }

    public async Task MarkAsync(IReadOnlyCollection<Guid> userIds)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        // One round trip: the commands of a batch go out together.
        var batch = _redis.Database.CreateBatch();
        var marks = userIds.Select(id => batch.StringSetAsync(Key(id), 1, Lifetime)).ToList();
        batch.Execute();
        await Task.WhenAll(marks);
    }

    public async Task<IReadOnlySet<Guid>> OnlineAsync(IReadOnlyCollection<Guid> userIds)
    {
        var ids = userIds.ToList();
        if (ids.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var marks = await _redis.Database.StringGetAsync(ids.Select(Key).ToArray());
        return ids.Where((_, i) => marks[i].HasValue).ToHashSet();
    }

    private static RedisKey Key(Guid userId) => $"taskforge:hub:online:{userId:N}";
}
