using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Taskforge.Application.Search;
using Taskforge.Application.Tasks;

namespace Taskforge.Api.Contracts;

// Init properties, not a positional record: for constructor parameters the Request Delegate
// Generator writes typeof(string?), which does not compile (CS8639).
/// <summary>The query string of <c>GET /api/v1/search</c>, read as text so that every bad value becomes a field error.</summary>
public sealed record SearchRequest
{
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    [FromQuery(Name = "projectId")]
    public string? ProjectId { get; init; }

    [FromQuery(Name = "completed")]
    public string? Completed { get; init; }

    [FromQuery(Name = "limit")]
    public string? Limit { get; init; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }
}

/// <summary>One hit: the task, its score and its text as HTML with the matched words in <c>&lt;mark&gt;</c>.</summary>
public sealed record SearchHitResponse(TaskResponse Task, double Score, SearchHighlightsResponse Highlights)
{
    public static SearchHitResponse From(SearchHit hit) =>
        new(
            TaskResponse.From(hit.Task),
            hit.Score,
            new SearchHighlightsResponse(Html(hit.Title), hit.Description is null ? null : Html(hit.Description))
        );

    // Every character of the text is escaped; the only markup is the mark elements added here.
    private static string Html(Highlight highlight)
    {
        var html = new StringBuilder();
        foreach (var run in highlight.Runs)
        {
            var text = WebUtility.HtmlEncode(run.Text);
            html.Append(run.Matched ? $"<mark>{text}</mark>" : text);
        }

        return html.ToString();
    }
}

public sealed record SearchHighlightsResponse(string Title, string? Description);
