using Taskforge.Application.Search;

namespace Taskforge.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Search over the FTS5 table <c>task_search</c> (migration 0011): every term is quoted as an
/// FTS5 string, the last also as a prefix, so user text is never FTS5 syntax. bm25 weighs a
/// title match 10, a tag or project match 4 and a description match 1.
/// </summary>
public sealed class SqliteSearchIndex(DbSession db) : ISearchIndex
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var filters =
            (query.ProjectId is null ? "" : " AND t.project_id = @projectId")
            + (query.Completed is null ? "" : " AND t.completed = @completed");
        var rows = await db.QueryAsync<SearchRows.Row>(
            $"""
            SELECT t.id, t.owner_id, t.project_id, t.title, t.description, t.completed, t.completed_at, t.due_at,
                   t.priority, t.created_at, t.updated_at, t.deleted_at, t.version,
                   -bm25(task_search, 10.0, 4.0, 4.0, 1.0) AS score,
                   highlight(task_search, 0, @open, @close) AS title_marked,
                   highlight(task_search, 3, @open, @close) AS description_marked
            FROM task_search
            JOIN task_search_rows r ON r.rowid = task_search.rowid
            JOIN tasks t ON t.id = r.task_id
            WHERE task_search MATCH @match AND t.owner_id = @ownerId AND t.deleted_at IS NULL{filters}
            ORDER BY score DESC, t.id
            LIMIT @take OFFSET @skip
            """,
            new
            {
                match = Match(query.Terms),
                ownerId = query.OwnerId,
                projectId = query.ProjectId ?? Guid.Empty,
                completed = query.Completed ?? false,
                open = SearchRows.Open.ToString(),
                close = SearchRows.Close.ToString(),
                take = query.Take,
                skip = query.Skip,
            },
            ct
        );
        return await SearchRows.ToHitsAsync(db, rows, ct);
    }

    // "a" AND "b" AND ("c" OR "c"*): terms are runs of letters and digits, so no quote needs escaping.
    internal static string Match(IReadOnlyList<string> terms)
    {
        var quoted = terms.Select(term => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"").ToList();
        quoted[^1] = $"({quoted[^1]} OR {quoted[^1]}*)";
        return string.Join(" AND ", quoted);
    }
}
