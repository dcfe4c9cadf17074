using System.Security.Cryptography;
using System.Text.Json;
using Taskforge.Application.Search;

namespace Taskforge.Infrastructure.Caching;

/// <summary>
/// Search pages read through <see cref="ScopedCache"/>, in the owner's task scope: every write
/// to the owner's tasks (and a change to one of their projects, whose name is searchable) ends
/// them, after its commit, as it ends cached lists. Ranking every match is what a search costs
/// (bm25 or ts_rank over thousands of rows for a common word), and people repeat searches:
/// the next page, the same words again, a refreshed screen.
/// </summary>
public sealed class CachedSearchIndex(ISearchIndex index, ScopedCache cache) : ISearchIndex
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var page = await cache.GetOrLoadAsync(
            CachedTaskRepository.Scope(query.OwnerId),
            Key(query),
            CacheJson.Default.CachedSearchPage,
            async () => new CachedSearchPage((await index.SearchAsync(query, ct)).Select(CachedSearchHit.Of).ToList())
        );
        return page!.Hits.Select(hit => hit.ToHit()).ToList();
    }

    // The whole query hashed: the words themselves never become part of a key (nor of Redis's keys).
    private static string Key(SearchQuery query) =>
        "search:"
        + Convert.ToHexStringLower(
            SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(query, CacheJson.Default.SearchQuery))
        );
}

public sealed record CachedSearchHit(CachedTask Task, double Score, Highlight Title, Highlight? Description)
{
    public static CachedSearchHit Of(SearchHit hit) =>
        new(CachedTask.Of(hit.Task), hit.Score, hit.Title, hit.Description);

    public SearchHit ToHit() => new(Task.ToTask(), Score, Title, Description);
}

public sealed record CachedSearchPage(IReadOnlyList<CachedSearchHit> Hits);
