using Taskforge.Domain.Tasks;

namespace Taskforge.Application.Search;

/// <summary>
/// Full-text search over one owner's live tasks. Narrow on purpose: words in, ranked tasks
/// with highlighted text out, so that a search server could answer it as well as a database.
/// Keeping the index in step with writes is the adapter's business (the database adapters'
/// index is written by the task repository, in the write's own transaction).
/// </summary>
public interface ISearchIndex
{
    /// <summary>Up to <see cref="SearchQuery.Take"/> hits, best first (ties by task id), after skipping <see cref="SearchQuery.Skip"/>.</summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken ct);
}

/// <summary>
/// All <see cref="Terms"/> must match (each in its other forms; the last one also as a prefix),
/// in the title, description, tags or project name of a live task of <see cref="OwnerId"/>.
/// Terms are plain words, never query syntax.
/// </summary>
public sealed record SearchQuery(
    Guid OwnerId,
    IReadOnlyList<string> Terms,
    Guid? ProjectId,
    bool? Completed,
    int Skip,
    int Take
);

/// <summary>A matching task, its score (higher is better) and its text with the matched words marked.</summary>
public sealed record SearchHit(TaskItem Task, double Score, Highlight Title, Highlight? Description);

/// <summary>Text cut into runs, each either a matched word or plain text: never markup.</summary>
public sealed record Highlight(IReadOnlyList<HighlightRun> Runs)
{
    public static Highlight Plain(string text) => new([new HighlightRun(text, false)]);
}

public sealed record HighlightRun(string Text, bool Matched);
