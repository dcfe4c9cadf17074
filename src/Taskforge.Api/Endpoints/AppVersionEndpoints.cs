using Microsoft.AspNetCore.Http.HttpResults;
using Taskforge.Api.Auth;
using Taskforge.Api.Http;
using Taskforge.Application.AppVersions;

namespace Taskforge.Api.Endpoints;

/// <summary>Should this build update? The check (anyone) and the per-platform policy (admin).</summary>
public static class AppVersionEndpoints
{
    public static RouteGroupBuilder MapAppVersionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/app-versions/{platform}", Check)
            .WithTags("App versions")
            .AllowAnonymous()
            .ProducesProblems(400, 404)
            .WithSummary(
                "Whether a build should update: none (current ≥ latest), soft (below latest) or hard (below minimumSupported)."
            );

        var admin = api.MapGroup("/admin/app-versions")
            .WithTags("App versions")
            .RequireAuthorization(CallerPrincipal.AdminPolicy);
        admin.MapGet("/", List).ProducesProblems(401, 403).WithSummary("Every platform's version policy (admin).");
        admin
            .MapPut("/{platform}", Set)
            .ProducesProblems(400, 401, 403, 413, 415)
            .WithSummary("Set a platform's latest and minimum supported versions (admin); SemVer 2.0.");
        return api;
    }

    private static async Task<Results<Ok<AppVersionCheck>, ProblemHttpResult>> Check(
        string platform,
        string? current,
        CheckAppVersion check,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await check.ExecuteAsync(platform, current, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem(http);
    }

    private static async Task<Ok<List<AppVersionPolicyResponse>>> List(
        ListAppVersionPolicies list,
        CancellationToken ct
    ) => TypedResults.Ok((await list.ExecuteAsync(ct)).Select(AppVersionPolicyResponse.From).ToList());

    private static async Task<Results<Ok<AppVersionPolicyResponse>, ProblemHttpResult>> Set(
        string platform,
        AppVersionPolicyChanges body,
        SetAppVersionPolicy set,
        AppVersionPolicyCache cache,
        HttpContext http,
        CancellationToken ct
    )
    {
        var result = await set.ExecuteAsync(platform, body, ct);
        if (!result.IsSuccess)
        {
            return result.Error.ToProblem(http);
        }

        cache.Invalidate();
        return TypedResults.Ok(AppVersionPolicyResponse.From(result.Value));
    }
}
