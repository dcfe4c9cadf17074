using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Taskforge.Api.Auth;
using Taskforge.Api.Contracts;
using Taskforge.Api.Http;
using Taskforge.Application.Common;
using Taskforge.Application.Search;
using Taskforge.Infrastructure.Caching;

namespace Taskforge.Api.Endpoints;

public static class SearchEndpoints
{
    public static RouteGroupBuilder MapSearchEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/search", Search)
            .WithTags("Search")
            .RequireAuthorization()
            .Produces<ListPage<SearchHitResponse>>(StatusCodes.Status200OK)
            .ProducesProblems(400, 401)
            .WithSummary(
                "Full-text search over the caller's live tasks (title, description, tags, project name), best first; q is 1 to 200 characters of plain words (the last also matches as a prefix); highlights are HTML with the matched words in <mark>."
            );
        return api;
    }

    // The page is sent as the bytes written the first time this owner asked this exact request.
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Search(
        [AsParameters] SearchRequest query,
        ClaimsPrincipal principal,
        SearchTasks search,
        RenderedPages rendered,
        IOptions<JsonOptions> json,
        Cursors cursors,
        HttpContext http,
        CancellationToken ct
    )
    {
        var validator = new Validator();
        var page = PageParameters.Read(query.Limit, query.Cursor, cursors, ApiJson.Default.SearchKey);
        Guid? projectId = null;
        if (query.ProjectId is not null)
        {
            if (Guid.TryParse(query.ProjectId, out var id))
            {
                projectId = id;
            }
            else
            {
                validator.Add("projectId", "must be a project id (a UUID).");
            }
        }

        bool? completed = null;
        if (query.Completed is "true" or "false")
        {
            completed = query.Completed == "true";
        }
        else if (query.Completed is not null)
        {
            validator.Add("completed", "must be true or false.");
        }

        if (!page.IsSuccess || !validator.IsValid)
        {
            return (page.Error ?? validator.ToError()).ToProblem(http);
        }

        var ownerId = principal.ToCaller().UserId;
        return await RenderedReads.SendAsync<ListPage<SearchHitResponse>>(
            rendered,
            ownerId,
            string.Create(
                CultureInfo.InvariantCulture,
                $"search\n{query.Q}\n{projectId}\n{completed}\n{page.Value.Limit}\n{query.Cursor}"
            ),
            async () =>
            {
                var result = await search.ExecuteAsync(
                    ownerId,
                    query.Q,
                    projectId,
                    completed,
                    page.Value.Limit,
                    page.Value.After,
                    ct
                );
                return result.IsSuccess
                    ? ListPage.Of(result.Value, SearchHitResponse.From, cursors, ApiJson.Default.SearchKey)
                    : result.Error;
            },
            json.Value.SerializerOptions,
            http
        );
    }
}
