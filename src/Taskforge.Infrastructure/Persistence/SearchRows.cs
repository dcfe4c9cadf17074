using System.Text;
using Dapper;
using Taskforge.Application.Search;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// What both database search adapters share: the row they read, the tags of a page, and the
/// reading of highlighted text. The database marks matched words with two private-use
/// characters; text that holds either of them itself is returned unmarked, so nothing a user
/// wrote can pass for a mark, and the HTML is made from these runs by the API, never by SQL.
/// </summary>
internal static class SearchRows
{
    public const char Open = '\uE000';
    public const char Close = '\uE001';

    public static async Task<IReadOnlyList<SearchHit>> ToHitsAsync(
        DbSession db,
        IReadOnlyList<Row> rows,
        CancellationToken ct
    )
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var parameters = new DynamicParameters();
        var names = new List<string>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            names.Add($"@id{i}");
            parameters.Add($"id{i}", rows[i].Id);
        }

        var tags = await db.QueryAsync<(Guid TaskId, string Tag)>(
            $"SELECT task_id, tag FROM task_tags WHERE task_id IN ({string.Join(", ", names)})",
            parameters,
            ct
        );
        var byTask = tags.ToLookup(t => t.TaskId, t => t.Tag);
        return rows.Select(row => ToHit(row, byTask[row.Id])).ToList();
    }

    /// <summary>The hits of rows that carry their own tags (PostgreSQL reads them in the search statement).</summary>
    public static IReadOnlyList<SearchHit> ToHits(IReadOnlyList<Row> rows) =>
        rows.Select(row => ToHit(row, row.Tags ?? [])).ToList();

    private static SearchHit ToHit(Row row, IEnumerable<string> tags) =>
        new(
            row.ToTask(tags),
            row.Score,
            Highlight(row.Title, row.TitleMarked),
            row.Description is null ? null : Highlight(row.Description, row.DescriptionMarked)
        );

    public static Highlight Highlight(string original, string? marked)
    {
        if (
            marked is null
            || original.Contains(Open, StringComparison.Ordinal)
            || original.Contains(Close, StringComparison.Ordinal)
        )
        {
            return Application.Search.Highlight.Plain(original);
        }

        var runs = new List<HighlightRun>();
        var text = new StringBuilder();
        var plain = new StringBuilder();
        var matched = false;
        foreach (var c in marked)
        {
            if (c == (matched ? Close : Open))
            {
                if (text.Length > 0)
                {
                    runs.Add(new HighlightRun(text.ToString(), matched));
                    text.Clear();
                }

                matched = !matched;
            }
            else if (c is Open or Close)
            {
                return Application.Search.Highlight.Plain(original);
            }
            else
            {
                text.Append(c);
                plain.Append(c);
            }
        }

        if (text.Length > 0)
        {
            runs.Add(new HighlightRun(text.ToString(), matched));
        }

        // The marks must only have been added: anything else and the text is shown unmarked.
        return !matched && plain.ToString() == original
            ? new Highlight(runs)
            : Application.Search.Highlight.Plain(original);
    }

    /// <summary>A task row with its score, its marked title and description, and (PostgreSQL) its tags.</summary>
    internal sealed class Row : TaskRow
    {
        public string[]? Tags { get; set; }

        public double Score { get; set; }
        public string? TitleMarked { get; set; }
        public string? DescriptionMarked { get; set; }
    }
}
