using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Taskforge.Api.Auth;
using Taskforge.Api.Contracts;
using Taskforge.Api.Http;
using Taskforge.Application.Common;
using Taskforge.Application.Webhooks;

namespace Taskforge.Api.Endpoints;

public static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization();

        webhooks.MapGet("/", List).ProducesProblems(400, 401).WithSummary("List the caller's webhooks, oldest first.");
        webhooks
            .MapPost("/", Create)
            .ProducesProblems(400, 401, 413, 415)
            .WithSummary(
                "Create a webhook (at most 20 per user); the answer, and only it, carries the signing secret. The URL must be https and must not resolve to a loopback, private, link-local or multicast address."
            );
        webhooks.MapGet("/{id:guid}", Get).ProducesProblems(401, 404).WithSummary("One webhook (never its secret).");
        webhooks
            .MapPatch("/{id:guid}", Patch)
            .Accepts<WebhookPatchRequest>("application/merge-patch+json", "application/json")
            .ProducesProblems(400, 401, 404, 412, 413, 415)
            .WithSummary(
                "Change some fields of a webhook (JSON merge patch); active: true switches a disabled webhook back on."
            );
        webhooks.MapDelete("/{id:guid}", Delete).ProducesProblems(401, 404, 412).WithSummary("Delete a webhook.");
        webhooks
            .MapPost("/{id:guid}/ping", Ping)
            .ProducesProblems(401, 404, 409)
            .WithSummary("Send a ping event to this webhook (409 while it is switched off).");
        webhooks
            .MapGet("/{id:guid}/deliveries", ListDeliveries)
            .ProducesProblems(400, 401, 404)
            .WithSummary("The webhook's deliveries, newest first.");
        webhooks
            .MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", Redeliver)
            .ProducesProblems(401, 404, 409)
            .WithSummary("Send a delivery again, with fresh attempts (409 while the webhook is switched off).");
        return api;
    }

    private static async Task<Results<Ok<ListPage<WebhookResponse>>, ProblemHttpResult>> List(
        string? limit,
        string? cursor,
        ClaimsPrincipal principal,
        ListWebhooks listWebhooks,
        Cursors cursors,
        HttpContext http,
        CancellationToken ct
    )
    {
        var page = PageParameters.Read(limit, cursor, cursors, ApiJson.Default.WebhookListKey);
        if (!page.IsSuccess)
        {
            return page.Error.ToProblem(http);
        }

        var result = await listWebhooks.ExecuteAsync(
            principal.ToCaller().UserId,
            page.Value.Limit,
            page.Value.After,
            ct
        );
        return TypedResults.Ok(ListPage.Of(result, WebhookResponse.From, cursors, ApiJson.Default.WebhookListKey));
    }

    private static async Task<Results<Created<CreatedWebhookResponse>, ProblemHttpResult>> Create(
        WebhookRequest body,
        ClaimsPrincipal principal,
        CreateWebhook create,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await create.ExecuteAsync(
            principal.ToCaller().UserId,
            WebhookChanges.Create(body.Url, body.Events, body.Description),
            ct
        );
        return Representations.Created(result, http, "webhooks", CreatedWebhookResponse.From);
    }

    private static async Task<Results<Ok<WebhookResponse>, StatusCodeHttpResult, ProblemHttpResult>> Get(
        Guid id,
        ClaimsPrincipal principal,
        GetWebhook getWebhook,
        HttpContext http,
        CancellationToken ct
    ) =>
        Representations.Read(
            await getWebhook.ExecuteAsync(principal.ToCaller().UserId, id, ct),
            http,
            WebhookResponse.From
        );

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Patch(
        Guid id,
        MergePatch patch,
        ClaimsPrincipal principal,
        UpdateWebhook update,
        HttpContext http,
        CancellationToken ct
    )
    {
        var events = patch.TextList("events");
        var changes = new WebhookChanges(
            patch.Text("url"),
            new Optional<IReadOnlyList<string?>?>(events.IsPresent, events.Value),
            patch.Text("description"),
            patch.Flag("active")
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
            WebhookResponse.From
        );
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id,
        ClaimsPrincipal principal,
        DeleteWebhook delete,
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

    private static async Task<Results<Accepted, ProblemHttpResult>> Ping(
        Guid id,
        ClaimsPrincipal principal,
        PingWebhook ping,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await ping.ExecuteAsync(principal.ToCaller().UserId, id, ct);
        return result.IsSuccess ? TypedResults.Accepted((string?)null) : result.Error.ToProblem(http);
    }

    private static async Task<Results<Ok<ListPage<WebhookDeliveryResponse>>, ProblemHttpResult>> ListDeliveries(
        Guid id,
        string? limit,
        string? cursor,
        ClaimsPrincipal principal,
        ListWebhookDeliveries list,
        Cursors cursors,
        HttpContext http,
        CancellationToken ct
    )
    {
        var page = PageParameters.Read(limit, cursor, cursors, ApiJson.Default.WebhookDeliveryKey);
        if (!page.IsSuccess)
        {
            return page.Error.ToProblem(http);
        }

        var result = await list.ExecuteAsync(principal.ToCaller().UserId, id, page.Value.Limit, page.Value.After, ct);
        if (!result.IsSuccess)
        {
            return result.Error.ToProblem(http);
        }

        return TypedResults.Ok(
            ListPage.Of(result.Value, WebhookDeliveryResponse.From, cursors, ApiJson.Default.WebhookDeliveryKey)
        );
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> Redeliver(
        Guid id,
        Guid deliveryId,
        ClaimsPrincipal principal,
        RedeliverWebhookDelivery redeliver,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await redeliver.ExecuteAsync(principal.ToCaller().UserId, id, deliveryId, ct);
        return result.IsSuccess ? TypedResults.Accepted((string?)null) : result.Error.ToProblem(http);
    }
}
