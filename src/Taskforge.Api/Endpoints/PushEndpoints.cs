using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Taskforge.Api.Auth;
using Taskforge.Api.Contracts;
using Taskforge.Api.Http;
using Taskforge.Application.Push;

namespace Taskforge.Api.Endpoints;

public static class PushEndpoints
{
    public static RouteGroupBuilder MapPushEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/push/vapid-public-key", PublicKey)
            .WithTags("Web Push")
            .AllowAnonymous()
            .ProducesProblems(404)
            .WithSummary(
                "The VAPID public key for PushManager.subscribe (applicationServerKey); 404 when push is off."
            );

        var subscriptions = api.MapGroup("/push-subscriptions").WithTags("Web Push").RequireAuthorization();
        subscriptions
            .MapPost("/", Subscribe)
            .ProducesProblems(400, 401)
            .WithSummary("Keep a browser's push subscription; the same endpoint again answers 200 with the one kept.");
        subscriptions
            .MapGet("/", List)
            .ProducesProblems(400, 401)
            .WithSummary("The caller's push subscriptions, oldest first.");
        subscriptions
            .MapDelete("/{id:guid}", Unsubscribe)
            .ProducesProblems(401, 404)
            .WithSummary("Forget a push subscription.");
        return api;
    }

    private static Results<Ok<VapidPublicKeyResponse>, ProblemHttpResult> PublicKey(
        IPushService push,
        HttpContext http
    ) =>
        push.PublicKey is { } key
            ? TypedResults.Ok(new VapidPublicKeyResponse(key))
            : new Application.Common.Error(
                Application.Common.ErrorKind.NotFound,
                "Web Push is off: no VAPID keys are configured."
            ).ToProblem(http);

    private static async Task<
        Results<Created<PushSubscriptionResponse>, Ok<PushSubscriptionResponse>, ProblemHttpResult>
    > Subscribe(
        PushSubscriptionRequest body,
        ClaimsPrincipal principal,
        SubscribeToPush subscribe,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await subscribe.ExecuteAsync(
            principal.ToCaller().UserId,
            body.Endpoint,
            body.Keys?.P256dh,
            body.Keys?.Auth,
            ct
        );
        if (!result.IsSuccess)
        {
            return result.Error.ToProblem(http);
        }

        var response = PushSubscriptionResponse.From(result.Value.Subscription);
        return result.Value.Created
            ? TypedResults.Created(
                $"{ApiVersions.PrefixOf(http.Request.Path)}/push-subscriptions/{response.Id}",
                response
            )
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<ListPage<PushSubscriptionResponse>>, ProblemHttpResult>> List(
        [AsParameters] PushSubscriptionListRequest query,
        ClaimsPrincipal principal,
        ListPushSubscriptions list,
        Cursors cursors,
        HttpContext http,
        CancellationToken ct
    )
    {
        var read = query.Read(cursors);
        if (!read.IsSuccess)
        {
            return read.Error.ToProblem(http);
        }

        var page = await list.ExecuteAsync(principal.ToCaller().UserId, read.Value.Limit, read.Value.After, ct);
        return TypedResults.Ok(
            ListPage.Of(page, PushSubscriptionResponse.From, cursors, ApiJson.Default.PushSubscriptionListKey)
        );
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Unsubscribe(
        Guid id,
        ClaimsPrincipal principal,
        UnsubscribeFromPush unsubscribe,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await unsubscribe.ExecuteAsync(principal.ToCaller().UserId, id, ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem(http);
    }
}
