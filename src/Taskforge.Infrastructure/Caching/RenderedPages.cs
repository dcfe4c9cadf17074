using System.Security.Cryptography;
using System.Text;

namespace Taskforge.Infrastructure.Caching;

/// <summary>
/// Response bodies already written (search and task list pages), kept in the owner's task scope
/// of <see cref="ScopedCache"/>: any write to the owner's tasks or projects ends them after its
/// commit, as it ends cached tasks. In memory they are bounded by their bytes
/// (<c>Cache:MaxPageMegabytes</c>), not their count. For a read whose answer depends only on the
/// owner's data and the request, a repeat costs a lookup instead of the query, the mapping and
/// the JSON (a page of 50 search hits is about 120 µs of JSON alone). The key is a digest of the
/// request, so the words searched never appear in a cache key, nor in Redis.
/// </summary>
public sealed class RenderedPages(ScopedCache cache)
{
    /// <param name="request">Everything the answer depends on besides the owner's data (the route and its query).</param>
    /// <param name="render">The body, or null for an answer not to keep (an error).</param>
    public Task<byte[]?> GetOrRenderAsync(Guid ownerId, string request, Func<Task<byte[]?>> render) =>
        cache.GetOrLoadAsync(
            CachedTaskRepository.Scope(ownerId),
            "body:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request))),
            CacheJson.Default.ByteArray,
            render
        );
}
