using Microsoft.AspNetCore.Http.HttpResults;
using Taskforge.Api.Auth;
using Taskforge.Api.Contracts;
using Taskforge.Api.Http;
using Taskforge.Application.Events;

namespace Taskforge.Api.Endpoints;

/// <summary>The background work as administrators see it: dead letters (and, below, jobs).</summary>
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
        return api;
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
        var next = result.Next is null ? null : cursors.Encode(result.Next, ApiJson.Default.DeadLetterKey);
        return TypedResults.Ok(
            new ListPage<DeadLetterResponse>(result.Items.Select(DeadLetterResponse.From).ToList(), next)
        );
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
