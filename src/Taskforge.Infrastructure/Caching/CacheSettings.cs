namespace Taskforge.Infrastructure.Caching;

/// <summary>The <c>Cache:*</c> configuration.</summary>
public sealed class CacheSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>How long an entry lives at most; invalidation normally ends it sooner.</summary>
    public int TtlSeconds { get; set; } = 60;

    /// <summary>Entries kept in process memory at most (one per task or list page), which bounds the memory used.</summary>
    public int MaxEntries { get; set; } = 20_000;

    public TimeSpan Ttl => TimeSpan.FromSeconds(TtlSeconds);
}
