using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Taskforge.Application.Search;
using Taskforge.Application.Tasks;

namespace Taskforge.Api.Contracts;

/// <summary>The query string of <c>GET /api/v1/search</c>, read as text so that every bad value becomes a field error.</summary>
public sealed record SearchRequest(
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "projectId")] string? ProjectId,
    [FromQuery(Name = "completed")] string? Completed,
    [FromQuery(Name = "limit")] string? Limit,
    [FromQuery(Name = "cursor")] string? Cursor
);

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
