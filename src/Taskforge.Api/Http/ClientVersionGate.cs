using Microsoft.AspNetCore.Mvc;
using Taskforge.Application.AppVersions;
using Taskforge.Domain.AppVersions;

namespace Taskforge.Api.Http;

/// <summary>
/// Every platform's policy, read on requests that carry X-Client-Platform and X-Client-Version.
/// Kept for a few seconds per instance; a PUT on this instance drops it at once, other
/// instances see the change within <see cref="Lifetime"/>.
/// </summary>
public sealed class AppVersionPolicyCache(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private volatile Snapshot? _snapshot;

    public async Task<AppVersionPolicy?> GetAsync(string platform, CancellationToken ct)
    {
        var snapshot = _snapshot;
        if (snapshot is null || snapshot.ExpiresAt <= time.GetUtcNow())
        {
            await using var scope = scopes.CreateAsyncScope();
            var policies = await scope.ServiceProvider.GetRequiredService<ListAppVersionPolicies>().ExecuteAsync(ct);
            snapshot = new Snapshot(
                policies.ToDictionary(p => p.Platform, StringComparer.Ordinal),
                time.GetUtcNow() + Lifetime
            );
            _snapshot = snapshot;
        }

        return snapshot.Policies.GetValueOrDefault(platform);
    }

    public void Invalidate() => _snapshot = null;

    private sealed record Snapshot(Dictionary<string, AppVersionPolicy> Policies, DateTimeOffset ExpiresAt);
}

/// <summary>
/// 426 Upgrade Required for a client build below its platform's minimumSupported. Health, docs,
/// the OpenAPI documents and the app-version check stay open, so an old build can still learn
/// that it must update. A missing or malformed X-Client-Version, or a platform without a
/// policy, is let through: the gate only stops builds it knows to be too old.
/// </summary>
public static class ClientVersionGate
{
    public const string PlatformHeader = "X-Client-Platform";
    public const string VersionHeader = "X-Client-Version";

    public static WebApplication UseClientVersionGate(this WebApplication app)
    {
        app.Use(GateAsync);
        return app;
    }

    private static async Task GateAsync(HttpContext context, RequestDelegate next)
    {
        var platform = context.Request.Headers[PlatformHeader].ToString();
        var version = context.Request.Headers[VersionHeader].ToString();
        if (
            platform.Length == 0
            || version.Length == 0
            || IsExempt(context.Request.Path)
            || !PlatformName.IsValid(platform)
            || !SemanticVersion.TryParse(version, out var current)
        )
        {
            await next(context);
            return;
        }

        var cache = context.RequestServices.GetRequiredService<AppVersionPolicyCache>();
        var policy = await cache.GetAsync(platform, context.RequestAborted);
        if (policy is null || policy.IsSupported(current))
        {
            await next(context);
            return;
        }

        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status426UpgradeRequired,
            Detail =
                $"This build ({current.Text}) of {platform} is no longer supported; the oldest supported version is {policy.MinimumSupported.Text}.",
            Extensions =
            {
                ["latest"] = policy.Latest.Text,
                ["minimumSupported"] = policy.MinimumSupported.Text,
                ["storeUrl"] = policy.StoreUrl,
            },
        };
        context.Response.Headers.Upgrade = $"{platform}/{policy.Latest.Text}";
        await TypedResults.Problem(problem).ExecuteAsync(context);
    }

    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments("/health")
        || path.StartsWithSegments("/docs")
        || path.StartsWithSegments("/openapi")
        || path.StartsWithSegments("/api/v1/app-versions")
        || path.StartsWithSegments("/api/v2/app-versions");
}
