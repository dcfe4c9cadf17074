using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Taskforge.Application.Common;
using Taskforge.Application.Tasks;

namespace Taskforge.Application.Search;

/// <summary>Full-text search over the caller's live tasks, paged by offset (sealed in the cursor with the query it belongs to).</summary>
public sealed class SearchTasks(ISearchIndex index)
{
    public async Task<Result<Page<SearchHit, SearchKey>>> ExecuteAsync(
        Guid ownerId,
        string? q,
        Guid? projectId,
        bool? completed,
        int limit,
        SearchKey? after,
        CancellationToken ct
    )
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > SearchTerms.MaxQueryLength)
        {
            return Error.Invalid("q", $"must be 1 to {SearchTerms.MaxQueryLength} characters.");
        }

        if (!StoredText.IsStorable(q))
        {
            return Error.Invalid("q", StoredText.NulMessage);
        }

        var fingerprint = Fingerprint(q, projectId, completed);
        if (after is not null && (after.Query != fingerprint || after.Offset < 0))
        {
            return Error.Invalid("cursor", "was issued for another search.");
        }

        var terms = SearchTerms.Of(q);
        if (terms.Count == 0)
        {
            return new Page<SearchHit, SearchKey>([], null);
        }

        var skip = after?.Offset ?? 0;
        var hits = await index.SearchAsync(new SearchQuery(ownerId, terms, projectId, completed, skip, limit + 1), ct);
        return Paging.Cut(hits, limit, _ => new SearchKey(fingerprint, skip + limit));
    }

    // A digest, not the words: a cursor reveals nothing of what was searched.
    private static string Fingerprint(string q, Guid? projectId, bool? completed)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{q}\n{projectId}\n{completed}");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 12));
    }
}

/// <summary>The position of a search page: how many hits came before it, for which query.</summary>
public sealed record SearchKey(string Query, int Offset);
