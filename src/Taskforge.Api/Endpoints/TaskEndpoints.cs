using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Taskforge.Api.Auth;
using Taskforge.Api.Contracts;
using Taskforge.Api.Http;
using Taskforge.Application.Common;
using Taskforge.Application.Tasks;
using Taskforge.Domain.Tasks;

namespace Taskforge.Api.Endpoints;

public static class TaskEndpoints
{
    public static RouteGroupBuilder MapTaskEndpoints(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Tasks").RequireAuthorization();

        tasks
            .MapGet("/", List)
            .ProducesProblems(400, 401)
            .WithSummary(
                "List the caller's tasks: filter by projectId, completed, tag, priority, dueBefore (exclusive), dueAfter (inclusive); sort by createdAt, dueAt, priority or title ('-' for descending; tasks without a due date come last)."
            );
        tasks
            .MapPost("/", Create)
            .ProducesProblems(400, 401, 404, 413, 415)
            .WithSummary("Create a task; projectId defaults to the caller's Inbox.");
        tasks.MapGet("/{id:guid}", Get).ProducesProblems(401, 404).WithSummary("One task.");
        tasks
            .MapPut("/{id:guid}", Replace)
            .ProducesProblems(400, 401, 404, 412, 413, 415)
            .WithSummary("Replace every writable field of a task (absent fields take their defaults).");
        tasks
            .MapPatch("/{id:guid}", Patch)
            .Accepts<TaskRequest>("application/merge-patch+json", "application/json")
            .ProducesProblems(400, 401, 404, 412, 413, 415)
            .WithSummary(
                "Change some fields of a task (JSON merge patch); completed true stamps completedAt, false clears it."
            );
        tasks.MapDelete("/{id:guid}", Delete).ProducesProblems(401, 404, 412).WithSummary("Delete a task.");
        tasks
            .MapGet("/{id:guid}/history", History)
            .ProducesProblems(400, 401, 404)
            .WithSummary(
                "A task's recorded changes, newest first, each with its field-level diff; still readable after the task is deleted."
            );
        return api;
    }

    private static async Task<Results<Ok<ListPage<TaskResponse>>, ProblemHttpResult>> List(
        [AsParameters] TaskListRequest query,
        ClaimsPrincipal principal,
        ListTasks listTasks,
        Cursors cursors,
        HttpContext http,
        CancellationToken ct
    )
    {
        var page = PageParameters.Read(query.Limit, query.Cursor, cursors, ApiJson.Default.TaskListKey);
        var read = query.Read();
        if (!page.IsSuccess || !read.IsSuccess)
        {
            return (page.Error ?? read.Error!).ToProblem(http);
        }

        var (filter, sort) = read.Value;
        var result = await listTasks.ExecuteAsync(
            principal.ToCaller().UserId,
            filter,
            sort,
            page.Value.Limit,
            page.Value.After,
            ct
        );
        if (!result.IsSuccess)
        {
            return result.Error.ToProblem(http);
        }

        var next = result.Value.Next is null ? null : cursors.Encode(result.Value.Next, ApiJson.Default.TaskListKey);
        return TypedResults.Ok(new ListPage<TaskResponse>(result.Value.Items.Select(TaskResponse.From).ToList(), next));
    }

    private static async Task<Results<Ok<ListPage<TaskHistoryResponse>>, ProblemHttpResult>> History(
        Guid id,
        [FromQuery(Name = "limit")] string? limit,
        [FromQuery(Name = "cursor")] string? cursor,
        ClaimsPrincipal principal,
        ListTaskHistory listHistory,
        Cursors cursors,
        HttpContext http,
        CancellationToken ct
    )
    {
        var page = PageParameters.Read(limit, cursor, cursors, ApiJson.Default.TaskHistoryKey);
        if (!page.IsSuccess)
        {
            return page.Error.ToProblem(http);
        }

        var result = await listHistory.ExecuteAsync(
            principal.ToCaller().UserId,
            id,
            page.Value.Limit,
            page.Value.After,
            ct
        );
        if (!result.IsSuccess)
        {
            return result.Error.ToProblem(http);
        }

        var next = result.Value.Next is null ? null : cursors.Encode(result.Value.Next, ApiJson.Default.TaskHistoryKey);
        return TypedResults.Ok(
            new ListPage<TaskHistoryResponse>(result.Value.Items.Select(TaskHistoryResponse.From).ToList(), next)
        );
    }

    private static async Task<Results<Created<TaskResponse>, ProblemHttpResult>> Create(
        TaskRequest body,
        ClaimsPrincipal principal,
        CreateTask create,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await create.ExecuteAsync(principal.ToCaller().UserId, body.ToChanges(), ct);
        return Representations.Created(result, http, "/api/v1/tasks", TaskResponse.From);
    }

    private static async Task<Results<Ok<TaskResponse>, StatusCodeHttpResult, ProblemHttpResult>> Get(
        Guid id,
        ClaimsPrincipal principal,
        GetTask getTask,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await getTask.ExecuteAsync(principal.ToCaller().UserId, id, ct);
        return Representations.Read(result, http, TaskResponse.From);
    }

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> Replace(
        Guid id,
        TaskRequest body,
        ClaimsPrincipal principal,
        UpdateTask update,
        HttpContext http,
        CancellationToken ct
    ) =>
        Representations.Written(
            await update.ExecuteAsync(
                principal.ToCaller().UserId,
                id,
                body.ToChanges(),
                ETags.ExpectedVersion(http.Request),
                ct
            ),
            http,
            TaskResponse.From
        );

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> Patch(
        Guid id,
        MergePatch patch,
        ClaimsPrincipal principal,
        UpdateTask update,
        HttpContext http,
        CancellationToken ct
    )
    {
        var tags = patch.TextList("tags");
        var changes = new TaskChanges(
            patch.Id("projectId"),
            patch.Text("title"),
            patch.Text("description"),
            patch.Flag("completed"),
            patch.Instant("dueAt"),
            patch.Text("priority"),
            tags.IsPresent ? Optional<IReadOnlyList<string?>?>.Of(tags.Value) : default
        );
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
            TaskResponse.From
        );
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id,
        ClaimsPrincipal principal,
        DeleteTask delete,
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
