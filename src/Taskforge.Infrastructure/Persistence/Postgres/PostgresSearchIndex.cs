using Taskforge.Application.Search;

namespace Taskforge.Infrastructure.Persistence.Postgres;

/// <summary>
/// Search over <c>task_search.document</c> (migrations 0011, 0015 and 0016) through one GIN index
/// over the owner and the document, which intersects the owner's entry with the words' inside it:
/// every term is a quoted tsquery lexeme, the last also as a prefix (<c>:*</c>), so user text is
/// never tsquery syntax. The owner's matches are ranked in task_search alone (it carries the
/// owner); tasks is read only to leave out deleted tasks (an anti-join over a small partial
/// index), for the optional filters, and for the page itself, whose words ts_headline marks and
/// whose tags come in the same statement (one round trip per page).
/// ts_rank with the default weights ranks title (A) over tags and project (B) over description
/// (C). ts_rank_cd weighs the same way but costs three to four times as much over thousands of
/// matches (its cover density walks every position of every term, twice for the prefix form):
/// decision 11.
/// </summary>
public sealed class PostgresSearchIndex(DbSession db) : ISearchIndex
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var live =
            query.ProjectId is null && query.Completed is null
                ? "NOT EXISTS (SELECT 1 FROM tasks d WHERE d.id = s.task_id AND d.deleted_at IS NOT NULL)"
                : "EXISTS (SELECT 1 FROM tasks f WHERE f.id = s.task_id AND f.deleted_at IS NULL"
                    + (query.ProjectId is null ? "" : " AND f.project_id = @projectId")
                    + (query.Completed is null ? "" : " AND f.completed = @completed")
                    + ")";
        var rows = await db.QueryAsync<SearchRows.Row>(
            $"""
            WITH page AS (
                SELECT s.task_id, ts_rank(s.document, q.query)::float8 AS score, q.query
                FROM (SELECT to_tsquery('english', @match) AS query) q
                JOIN task_search s ON s.document @@ q.query
                WHERE s.owner_id = @ownerId AND {live}
                ORDER BY score DESC, s.task_id
                LIMIT @take OFFSET @skip
            )
            SELECT t.id, t.owner_id, t.project_id, t.title, t.description, t.completed, t.completed_at, t.due_at,
                   t.priority, t.created_at, t.updated_at, t.deleted_at, t.version, p.score,
                   ts_headline('english', t.title, p.query, @options) AS title_marked,
                   CASE WHEN t.description IS NULL THEN NULL
                        ELSE ts_headline('english', t.description, p.query, @options) END AS description_marked,
                   ARRAY(SELECT g.tag FROM task_tags g WHERE g.task_id = t.id) AS tags
            FROM page p
            JOIN tasks t ON t.id = p.task_id
            ORDER BY p.score DESC, t.id
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
        return SearchRows.ToHits(rows);
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
