using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using StackExchange.Redis;
using Taskforge.Infrastructure.Redis;

namespace Taskforge.Infrastructure.Caching;

/// <summary>
/// A read cache whose entries belong to a scope (say, one user's tasks) and carry the scope's
/// version in their key. Invalidating a scope bumps its version, after the write committed, so a
/// reader that saw the old version can only fill a key nobody will read again: no client reads
/// its own stale write. In memory by default; with Redis configured the versions and a second
/// level live there, and pub/sub evicts other instances' in-memory copies. Any Redis failure
/// falls back to loading from the database. Values (a task, a caller's access) and rendered pages
/// (bytes) are kept apart: values are bounded by their count, pages by their size.
/// </summary>
public sealed partial class ScopedCache : IDisposable
{
    private const string Channel = "taskforge:cache:invalidate";

    // What a kept page costs besides its bytes: the entry, its key's characters, its eviction
    // token's registration (an estimate, not a measurement: it only keeps small pages from being free).
    private const int PageOverheadBytes = 256;

    private readonly MemoryCache _values;
    private readonly MemoryCache _pages;
    private readonly RedisConnection _redis;
    private readonly CacheSettings _settings;
    private readonly ILogger<ScopedCache> _logger;
    private readonly ConcurrentDictionary<string, long> _localVersions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _evictions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task>> _loading = new(StringComparer.Ordinal);
    private int _subscribed;
    private long _hits;
    private long _misses;

    public ScopedCache(RedisConnection redis, CacheSettings settings, ILogger<ScopedCache> logger)
    {
        _redis = redis;
        _settings = settings;
        _logger = logger;
        _values = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.MaxEntries });
        _pages = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.MaxPageBytes });
    }

    /// <summary>Reads answered from this process's memory since it started (for /metrics).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Reads that had to load (from Redis's second level or the database).</summary>
    public long Misses => Interlocked.Read(ref _misses);

    public async Task<T?> GetOrLoadAsync<T>(string scope, string key, JsonTypeInfo<T> type, Func<Task<T?>> load)
        where T : class
    {
        if (!_settings.Enabled)
        {
            return await load();
        }

        var version = await VersionAsync(scope);
        if (version is null)
        {
            return await load();
        }

        var fullKey = $"{scope}@{version.Value.ToString(CultureInfo.InvariantCulture)}:{key}";
        if (MemoryFor<T>().TryGetValue(fullKey, out T? cached))
        {
            Interlocked.Increment(ref _hits);
            return cached;
        }

        Interlocked.Increment(ref _misses);

        // Single flight: concurrent misses of one key share one load instead of stampeding the database.
        var loading = _loading.GetOrAdd(fullKey, _ => new Lazy<Task>(() => LoadAsync(scope, fullKey, type, load)));
        try
        {
            return await (Task<T?>)loading.Value;
        }
        finally
        {
            _loading.TryRemove(new KeyValuePair<string, Lazy<Task>>(fullKey, loading));
        }
    }

    /// <summary>Makes every entry of the scope unreachable, here and on every other instance.</summary>
    public async Task InvalidateAsync(string scope)
    {
        _localVersions.AddOrUpdate(scope, 1, (_, v) => v + 1);
        Evict(scope);
        if (!_redis.IsConfigured)
        {
            return;
        }

        try
        {
            await _redis.Database.StringIncrementAsync(VersionKey(scope));
            await _redis.Subscriber.PublishAsync(Channel, scope);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            LogRedisFailure(e);
        }
    }

    public void Dispose()
    {
        _values.Dispose();
        _pages.Dispose();
        foreach (var source in _evictions.Values)
        {
            source.Dispose();
        }
    }

    private async Task<T?> LoadAsync<T>(string scope, string fullKey, JsonTypeInfo<T> type, Func<Task<T?>> load)
        where T : class
    {
        var value = _redis.IsConfigured ? await ReadSecondLevelAsync(fullKey, type) : null;
        if (value is null)
        {
            value = await load();
            if (value is null)
            {
                return null;
            }

            if (_redis.IsConfigured)
            {
                await WriteSecondLevelAsync(fullKey, value, type);
            }
        }

        var evicted = _evictions.GetOrAdd(scope, _ => new CancellationTokenSource());
        using var entry = MemoryFor<T>().CreateEntry(fullKey);
        entry.Value = value;
        entry.Size = value is byte[] page ? page.Length + (fullKey.Length * sizeof(char)) + PageOverheadBytes : 1;
        entry.AbsoluteExpirationRelativeToNow = _settings.Ttl;
        entry.AddExpirationToken(new CancellationChangeToken(evicted.Token));
        return value;
    }

    private MemoryCache MemoryFor<T>() => typeof(T) == typeof(byte[]) ? _pages : _values;

    private async Task<long?> VersionAsync(string scope)
    {
        if (!_redis.IsConfigured)
        {
            return _localVersions.GetValueOrDefault(scope);
        }

        try
        {
            SubscribeOnce();
            var stored = await _redis.Database.StringGetAsync(VersionKey(scope));
            return stored.IsNull ? 0 : (long)stored;
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            // Without the shared version nothing cached can be trusted: read the database.
            LogRedisFailure(e);
            return null;
        }
    }

    private async Task<T?> ReadSecondLevelAsync<T>(string fullKey, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            var stored = await _redis.Database.StringGetAsync(EntryKey(fullKey));
            return stored.IsNull ? null : JsonSerializer.Deserialize((byte[])stored!, type);
        }
        catch (Exception e) when (IsRedisFailure(e) || e is JsonException)
        {
            LogRedisFailure(e);
            return null;
        }
    }

    private async Task WriteSecondLevelAsync<T>(string fullKey, T value, JsonTypeInfo<T> type)
    {
        try
        {
            await _redis.Database.StringSetAsync(
                EntryKey(fullKey),
                JsonSerializer.SerializeToUtf8Bytes(value, type),
                _settings.Ttl
            );
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            LogRedisFailure(e);
        }
    }

    private void SubscribeOnce()
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 0)
        {
            _redis.Subscriber.Subscribe(Channel, (_, scope) => Evict(scope!));
        }
    }

    // Cancelled, never disposed: a concurrent load may still be reading its token (a source
    // without timers holds nothing that needs disposing).
    private void Evict(string scope)
    {
        if (_evictions.TryRemove(scope, out var source))
        {
            source.Cancel();
        }
    }

    private static string VersionKey(string scope) => "taskforge:cache:version:" + scope;

    private static string EntryKey(string fullKey) => "taskforge:cache:entry:" + fullKey;

    private static bool IsRedisFailure(Exception e) =>
        e is RedisException or TimeoutException or ObjectDisposedException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable to the cache; reading the database instead")]
    private partial void LogRedisFailure(Exception exception);
}
