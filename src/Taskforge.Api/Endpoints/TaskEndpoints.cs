using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Taskforge.Api.Auth;
using Taskforge.Api.Contracts;
using Taskforge.Api.Http;
using Taskforge.Application.Tasks;
using Taskforge.Domain.Tasks;
using Taskforge.Infrastructure.Caching;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using V1Handlers = Taskforge.Api.Endpoints.TaskEndpoints.Handlers<
    Taskforge.Api.Contracts.TaskV1,
    Taskforge.Application.Tasks.TaskResponse,
    Taskforge.Api.Contracts.TaskRequest,
    Taskforge.Api.Contracts.TaskListRequest
>;
using V2Handlers = Taskforge.Api.Endpoints.TaskEndpoints.Handlers<
    Taskforge.Api.Contracts.TaskV2Response,
    Taskforge.Api.Contracts.TaskV2Response,
    Taskforge.Api.Contracts.TaskV2Request,
    Taskforge.Api.Contracts.TaskV2ListRequest
>;

namespace Taskforge.Api.Endpoints;

/// <summary>
/// The task routes, mapped once per API version: the handlers and use cases are shared, the
/// version only picks the representation, the POST/PUT body and the list's query string.
/// </summary>
public static class TaskEndpoints
{
    // Each version maps its routes at call sites of its own with closed handler types, so that the
    // Request Delegate Generator can write their request delegates at build time (it cannot for a
    // handler whose types are type parameters, and would leave them to be compiled at startup).
    public static RouteGroupBuilder MapTaskEndpoints(this RouteGroupBuilder api, ApiVersion version)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Tasks").RequireAuthorization();
        if (version == ApiVersion.V1)
        {
            Describe(
                new TaskRoutes(
                    tasks.MapGet("/", ListV1).Produces<ListPage<TaskResponse>>(StatusCodes.Status200OK),
                    tasks.MapPost("/", V1Handlers.Create),
                    tasks.MapGet("/{id:guid}", V1Handlers.Get),
                    tasks.MapPut("/{id:guid}", V1Handlers.Replace),
                    tasks.MapPatch("/{id:guid}", V1Handlers.Patch),
                    tasks.MapDelete("/{id:guid}", V1Handlers.Delete),
                    tasks.MapGet("/{id:guid}/history", History)
                ),
                typeof(TaskPatchRequest),
                "completed",
                "completed true stamps completedAt, false clears it"
            );
        }
        else
        {
            Describe(
                new TaskRoutes(
                    tasks.MapGet("/", ListV2).Produces<ListPage<TaskV2Response>>(StatusCodes.Status200OK),
                    tasks.MapPost("/", V2Handlers.Create),
                    tasks.MapGet("/{id:guid}", V2Handlers.Get),
                    tasks.MapPut("/{id:guid}", V2Handlers.Replace),
                    tasks.MapPatch("/{id:guid}", V2Handlers.Patch),
                    tasks.MapDelete("/{id:guid}", V2Handlers.Delete),
                    tasks.MapGet("/{id:guid}/history", History)
                ),
                typeof(TaskV2PatchRequest),
                "status",
                "status done stamps completedAt, leaving done clears it"
            );
        }

        return api;
    }

    // The list's query string is bound per version ([AsParameters] of a concrete type); the rest is shared.
    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> ListV1(
        [AsParameters] TaskListRequest query,
        ClaimsPrincipal principal,
        ListTasks listTasks,
        Cursors cursors,
        RenderedPages rendered,
        IOptions<JsonOptions> json,
        HttpContext http,
        CancellationToken ct
    ) => V1Handlers.List(query, principal, listTasks, cursors, rendered, json, http, ct);

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> ListV2(
        [AsParameters] TaskV2ListRequest query,
        ClaimsPrincipal principal,
        ListTasks listTasks,
        Cursors cursors,
        RenderedPages rendered,
        IOptions<JsonOptions> json,
        HttpContext http,
        CancellationToken ct
    ) => V2Handlers.List(query, principal, listTasks, cursors, rendered, json, http, ct);

    private sealed record TaskRoutes(
        RouteHandlerBuilder List,
        RouteHandlerBuilder Create,
        RouteHandlerBuilder Get,
        RouteHandlerBuilder Replace,
        RouteHandlerBuilder Patch,
        RouteHandlerBuilder Delete,
        RouteHandlerBuilder History
    );

    private static void Describe(TaskRoutes routes, Type patchBody, string stateFilter, string stateRule)
    {
        routes
            .List.ProducesProblems(400, 401)
            .WithSummary(
                $"List the caller's tasks: filter by projectId, {stateFilter}, tag, priority, dueBefore (exclusive), dueAfter (inclusive); sort by createdAt, dueAt, priority or title ('-' for descending; tasks without a due date come last)."
            );
        routes
            .Create.ProducesProblems(400, 401, 404, 413, 415)
            .WithSummary("Create a task; projectId defaults to the caller's Inbox.");
        routes.Get.ProducesProblems(401, 404).WithSummary("One task.");
        routes
            .Replace.ProducesProblems(400, 401, 404, 412, 413, 415)
            .WithSummary("Replace every writable field of a task (absent fields take their defaults).");
        routes
            .Patch.Accepts(patchBody, "application/merge-patch+json", "application/json")
            .ProducesProblems(400, 401, 404, 412, 413, 415)
            .WithSummary($"Change some fields of a task (JSON merge patch); {stateRule}.");
        routes.Delete.ProducesProblems(401, 404, 412).WithSummary("Delete a task.");
        routes
            .History.ProducesProblems(400, 401, 404)
            .WithSummary(
                "A task's recorded changes, newest first, each with its field-level diff; still readable after the task is deleted."
            );
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

        return TypedResults.Ok(
            ListPage.Of(result.Value, TaskHistoryResponse.From, cursors, ApiJson.Default.TaskHistoryKey)
        );
    }

    internal static class Handlers<TRepresentation, TResponse, TBody, TQuery>
        where TRepresentation : ITaskRepresentation<TResponse>
        where TBody : ITaskBody
        where TQuery : ITaskListQuery
    {
        // A page is sent as the bytes written the first time this owner asked this exact request
        // (the version's path and the query string as sent, which decide everything else).
        public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> List(
            TQuery query,
            ClaimsPrincipal principal,
            ListTasks listTasks,
            Cursors cursors,
            RenderedPages rendered,
            IOptions<JsonOptions> json,
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
            var ownerId = principal.ToCaller().UserId;
            return await RenderedReads.SendAsync<ListPage<TResponse>>(
                rendered,
                ownerId,
                $"tasks\n{http.Request.Path}\n{http.Request.QueryString}",
                async () =>
                {
                    var result = await listTasks.ExecuteAsync(
                        ownerId,
                        filter,
                        sort,
                        page.Value.Limit,
                        page.Value.After,
                        ct
                    );
                    return result.IsSuccess
                        ? ListPage.Of(result.Value, TRepresentation.From, cursors, ApiJson.Default.TaskListKey)
                        : result.Error;
                },
                json.Value.SerializerOptions,
                http
            );
        }

        public static async Task<Results<Created<TResponse>, ProblemHttpResult>> Create(
            TBody body,
            ClaimsPrincipal principal,
            CreateTask create,
            HttpContext http,
            CancellationToken ct
        )
        {
            var result = await create.ExecuteAsync(principal.ToCaller().UserId, body.ToChanges(), ct);
            return Representations.Created(result, http, "tasks", TRepresentation.From);
        }

        public static async Task<Results<Ok<TResponse>, StatusCodeHttpResult, ProblemHttpResult>> Get(
            Guid id,
            ClaimsPrincipal principal,
            GetTask getTask,
            HttpContext http,
            CancellationToken ct
        )
        {
            var result = await getTask.ExecuteAsync(principal.ToCaller().UserId, id, ct);
            return Representations.Read(result, http, TRepresentation.From);
        }

        public static async Task<Results<Ok<TResponse>, ProblemHttpResult>> Replace(
            Guid id,
            TBody body,
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
                TRepresentation.From
            );

        public static async Task<Results<Ok<TResponse>, ProblemHttpResult>> Patch(
            Guid id,
            MergePatch patch,
            ClaimsPrincipal principal,
            UpdateTask update,
            HttpContext http,
            CancellationToken ct
        )
        {
            var changes = TRepresentation.FromPatch(patch);
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
                TRepresentation.From
            );
        }

        public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
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
}
