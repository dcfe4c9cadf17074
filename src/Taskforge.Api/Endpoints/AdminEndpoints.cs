using Microsoft.AspNetCore.Http.HttpResults;
using Taskforge.Api.Auth;
using Taskforge.Api.Contracts;
using Taskforge.Api.Http;
using Taskforge.Application.Events;
using Taskforge.Application.Jobs;

namespace Taskforge.Api.Endpoints;

/// <summary>The background work as administrators see it: dead letters and scheduled jobs.</summary>
public static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdminEndpoints(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Administration").RequireAuthorization(CallerPrincipal.AdminPolicy);

        admin
            .MapGet("/dead-letters", ListDeadLetters)
            .ProducesProblems(400, 401, 403)
            .WithSummary("Deliveries (mail, publish, webhook, push) that gave up, newest first (admin).");
        admin
            .MapPost("/dead-letters/{id:guid}/retry", RetryDeadLetter)
            .ProducesProblems(401, 403, 404)
            .WithSummary("Deliver a dead letter again, with fresh attempts (admin).");
        admin
            .MapGet("/jobs", ListJobs)
            .ProducesProblems(401, 403)
            .WithSummary("Scheduled jobs: schedule, last run and outcome, next run (admin).");
        admin
            .MapPost("/jobs/{name}/run", RunJob)
            .ProducesProblems(401, 403, 404)
            .WithSummary("Run a job now, once across all instances (admin).");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<JobResponse>>> ListJobs(ListJobs list, CancellationToken ct)
    {
        var jobs = await list.ExecuteAsync(ct);
        return TypedResults.Ok<IReadOnlyList<JobResponse>>(jobs.Select(JobResponse.From).ToList());
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> RunJob(
        string name,
        RunJobNow run,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await run.ExecuteAsync(name, ct);
        return result.IsSuccess ? TypedResults.Accepted((string?)null) : result.Error.ToProblem(http);
    }

    private static async Task<Results<Ok<ListPage<DeadLetterResponse>>, ProblemHttpResult>> ListDeadLetters(
        string? limit,
        string? cursor,
        ListDeadLetters list,
        Cursors cursors,
        HttpContext http,
        CancellationToken ct
    )
    {
        var page = PageParameters.Read(limit, cursor, cursors, ApiJson.Default.DeadLetterKey);
        if (!page.IsSuccess)
        {
            return page.Error.ToProblem(http);
        }

        var result = await list.ExecuteAsync(page.Value.Limit, page.Value.After, ct);
        return TypedResults.Ok(ListPage.Of(result, DeadLetterResponse.From, cursors, ApiJson.Default.DeadLetterKey));
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> RetryDeadLetter(
        Guid id,
        RetryDeadLetter retry,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await retry.ExecuteAsync(id, ct);
        return result.IsSuccess ? TypedResults.Accepted((string?)null) : result.Error.ToProblem(http);
    }
}
