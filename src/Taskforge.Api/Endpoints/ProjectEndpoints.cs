using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Taskforge.Api.Auth;
using Taskforge.Api.Contracts;
using Taskforge.Api.Http;
using Taskforge.Application.Common;
using Taskforge.Application.Projects;
using Taskforge.Domain.Projects;

namespace Taskforge.Api.Endpoints;

public static class ProjectEndpoints
{
    public static RouteGroupBuilder MapProjectEndpoints(this RouteGroupBuilder api)
    {
        var projects = api.MapGroup("/projects").WithTags("Projects").RequireAuthorization();

        projects.MapGet("/", List).ProducesProblems(400, 401).WithSummary("List the caller's projects, oldest first.");
        projects.MapPost("/", Create).ProducesProblems(400, 401, 413, 415).WithSummary("Create a project.");
        projects.MapGet("/{id:guid}", Get).ProducesProblems(401, 404).WithSummary("One project.");
        projects
            .MapPut("/{id:guid}", Replace)
            .ProducesProblems(400, 401, 404, 412, 413, 415)
            .WithSummary("Replace a project's name and description.");
        projects
            .MapPatch("/{id:guid}", Patch)
            .Accepts<ProjectPatchRequest>("application/merge-patch+json", "application/json")
            .ProducesProblems(400, 401, 404, 412, 413, 415)
            .WithSummary("Change some fields of a project (JSON merge patch).");
        projects
            .MapDelete("/{id:guid}", Delete)
            .ProducesProblems(401, 404, 409, 412)
            .WithSummary("Delete a project and its tasks; the default project (Inbox) cannot be deleted (409).");
        return api;
    }

    private static async Task<Results<Ok<ListPage<ProjectResponse>>, ProblemHttpResult>> List(
        string? limit,
        string? cursor,
        ClaimsPrincipal principal,
        ListProjects listProjects,
        Cursors cursors,
        HttpContext http,
        CancellationToken ct
    )
    {
        var page = PageParameters.Read(limit, cursor, cursors, ApiJson.Default.ProjectListKey);
        if (!page.IsSuccess)
        {
            return page.Error.ToProblem(http);
        }

        var result = await listProjects.ExecuteAsync(
            principal.ToCaller().UserId,
            page.Value.Limit,
            page.Value.After,
            ct
        );
        return TypedResults.Ok(ListPage.Of(result, ProjectResponse.From, cursors, ApiJson.Default.ProjectListKey));
    }

    private static async Task<Results<Created<ProjectResponse>, ProblemHttpResult>> Create(
        ProjectRequest body,
        ClaimsPrincipal principal,
        CreateProject create,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await create.ExecuteAsync(
            principal.ToCaller().UserId,
            ProjectChanges.All(body.Name, body.Description),
            ct
        );
        return Representations.Created(result, http, "projects", ProjectResponse.From);
    }

    private static async Task<Results<Ok<ProjectResponse>, StatusCodeHttpResult, ProblemHttpResult>> Get(
        Guid id,
        ClaimsPrincipal principal,
        GetProject getProject,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await getProject.ExecuteAsync(principal.ToCaller().UserId, id, ct);
        return Representations.Read(result, http, ProjectResponse.From);
    }

    private static async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> Replace(
        Guid id,
        ProjectRequest body,
        ClaimsPrincipal principal,
        UpdateProject update,
        HttpContext http,
        CancellationToken ct
    ) =>
        Representations.Written(
            await update.ExecuteAsync(
                principal.ToCaller().UserId,
                id,
                ProjectChanges.All(body.Name, body.Description),
                ETags.ExpectedVersion(http.Request),
                ct
            ),
            http,
            ProjectResponse.From
        );

    private static async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> Patch(
        Guid id,
        MergePatch patch,
        ClaimsPrincipal principal,
        UpdateProject update,
        HttpContext http,
        CancellationToken ct
    )
    {
        var changes = new ProjectChanges(patch.Text("name"), patch.Text("description"));
        if (!patch.IsValid)
        {
            return patch.ToError().ToProblem(http);
        }

        return Representations.Written(
            await update.ExecuteAsync(
                principal.ToCaller().UserId,
                id,
                changes,
                ETags.ExpectedVersion(http.Request),
                ct
            ),
            http,
            ProjectResponse.From
        );
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id,
        ClaimsPrincipal principal,
        DeleteProject delete,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await delete.ExecuteAsync(
            principal.ToCaller().UserId,
            id,
            ETags.ExpectedVersion(http.Request),
            ct
        );
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem(http);
    }
}
