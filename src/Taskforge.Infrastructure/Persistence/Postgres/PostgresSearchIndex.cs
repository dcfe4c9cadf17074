using Taskforge.Application.Search;

namespace Taskforge.Infrastructure.Persistence.Postgres;

/// <summary>
/// Search over <c>task_search.document</c> (migration 0011) through its GIN index: every term is
/// a quoted tsquery lexeme, the last also as a prefix (<c>:*</c>), so user text is never tsquery
/// syntax. ts_rank_cd with the default weights ranks title (A) over tags and project (B) over
/// description (C); ts_headline marks the matched words of the whole text.
/// </summary>
public sealed class PostgresSearchIndex(DbSession db) : ISearchIndex
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
                   ts_rank_cd(s.document, q.query)::float8 AS score,
                   ts_headline('english', t.title, q.query, @options) AS title_marked,
                   CASE WHEN t.description IS NULL THEN NULL
                        ELSE ts_headline('english', t.description, q.query, @options) END AS description_marked
            FROM (SELECT to_tsquery('english', @match) AS query) q
            JOIN task_search s ON s.document @@ q.query
            JOIN tasks t ON t.id = s.task_id
            WHERE t.owner_id = @ownerId AND t.deleted_at IS NULL{filters}
            ORDER BY score DESC, t.id
            LIMIT @take OFFSET @skip
            """,
            new
            {
                match = Match(query.Terms),
                ownerId = query.OwnerId,
                projectId = query.ProjectId ?? Guid.Empty,
                completed = query.Completed ?? false,
                options = $"StartSel={SearchRows.Open}, StopSel={SearchRows.Close}, HighlightAll=true",
                take = query.Take,
                skip = query.Skip,
            },
            ct
        );
        return await SearchRows.ToHitsAsync(db, rows, ct);
    }

    // 'a' & 'b' & ('c' | 'c':*): terms are runs of letters and digits; quotes and backslashes are escaped anyway.
    internal static string Match(IReadOnlyList<string> terms)
    {
        var quoted = terms
            .Select(term =>
                "'"
                + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal)
                + "'"
            )
            .ToList();
        quoted[^1] = $"({quoted[^1]} | {quoted[^1]}:*)";
        return string.Join(" & ", quoted);
    }
}
