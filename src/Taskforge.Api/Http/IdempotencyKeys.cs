using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Taskforge.Application.Common;
using Taskforge.Application.Idempotency;

namespace Taskforge.Api.Http;

/// <summary>
/// <c>Idempotency-Key</c> on POST and PATCH under /api: the first answer is kept and replayed
/// (<c>Idempotent-Replayed: true</c>), a reuse for another request is 422, a duplicate of a request
/// still running is 409. The request's writes run inside one transaction that also stores its answer,
/// and the answer leaves only after that commit (decision 13).
/// </summary>
public static class IdempotencyKeys
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>
    /// Test-only: the process kills itself (SIGKILL) right after committing the request that carries
    /// this key, before a byte of the answer leaves, as a crash would. Ignored in Production.
    /// </summary>
    public const string KillAfterCommitSetting = "Testing:Idempotency:KillAfterCommitKey";

    /// <summary>After authentication and authorization: keys are per user, and a refused caller keeps nothing.</summary>
    public static WebApplication UseIdempotencyKeys(this WebApplication app)
    {
        var killAfterCommit = app.Environment.IsProduction() ? null : app.Configuration[KillAfterCommitSetting];
        app.Use((context, next) => HandleAsync(context, next, killAfterCommit));
        return app;
    }

    private static async Task HandleAsync(HttpContext context, RequestDelegate next, string? killAfterCommit)
    {
        var request = context.Request;
        if (
            !request.Headers.TryGetValue(KeyHeader, out var values)
            || !(HttpMethods.IsPost(request.Method) || HttpMethods.IsPatch(request.Method))
            || !request.Path.StartsWithSegments("/api")
            || context.GetEndpoint() is null
        )
        {
            await next(context);
            return;
        }

        var key = values.Count == 1 ? values[0] : null;
        if (!IdempotentRequest.IsValidKey(key))
        {
            await ProblemAsync(
                context,
                StatusCodes.Status400BadRequest,
                $"{KeyHeader} must be one value of 1 to {IdempotentRequest.MaxKeyLength} printable ASCII characters."
            );
            return;
        }

        var ct = context.RequestAborted;
        var idempotent = IdempotentRequest.For(
            UserId(context.User),
            key!,
            request.Method,
            request.Path,
            await BodyAsync(request, ct)
        );
        var services = context.RequestServices;
        var claim = await services.GetRequiredService<ClaimIdempotencyKey>().ExecuteAsync(idempotent, ct);
        switch (claim.Kind)
        {
            case IdempotencyClaimKind.Replay:
                await ReplayAsync(context, claim.Answer!);
                return;
            case IdempotencyClaimKind.InFlight:
                await InFlightAsync(context);
                return;
            case IdempotencyClaimKind.Mismatch:
                await ProblemAsync(
                    context,
                    StatusCodes.Status422UnprocessableEntity,
                    $"This {KeyHeader} was already used for a different request."
                );
                return;
        }

        await RunAsync(context, next, idempotent, claim.LeaseId, crash: killAfterCommit == key);
    }

    private static async Task RunAsync(
        HttpContext context,
        RequestDelegate next,
        IdempotentRequest request,
        Guid lease,
        bool crash
    )
    {
        var services = context.RequestServices;
        var ct = context.RequestAborted;
        var client = context.Response.Body;
        using var buffer = new MemoryStream();
        bool ours;
        try
        {
            // Every unit of work of the request becomes a savepoint of this one transaction.
            await using var write = await services.GetRequiredService<IUnitOfWork>().BeginRequestAsync(ct);
            context.Response.Body = buffer;
            await next(context);
            ours = await services
                .GetRequiredService<FinishIdempotentRequest>()
                .ExecuteAsync(request, lease, Capture(context.Response, buffer), NoStore(context.Response), write, ct);
        }
        catch
        {
            context.Response.Body = client;
            await ReleaseQuietlyAsync(services, request, lease);
            throw;
        }

        context.Response.Body = client;
        if (crash)
        {
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }

        if (!ours)
        {
            // Drop what named this request's result; the headers every answer carries stay.
            context.Response.Headers.Location = default;
            context.Response.Headers.ETag = default;
            context.Response.ContentLength = null;
            await InFlightAsync(context);
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(client, ct);
    }

    // Best effort: when the database is what failed, the lease runs out by itself.
    private static async Task ReleaseQuietlyAsync(IServiceProvider services, IdempotentRequest request, Guid lease)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await services.GetRequiredService<ReleaseIdempotencyKey>().ExecuteAsync(request, lease, timeout.Token);
        }
        catch (Exception e) when (e is DbException or OperationCanceledException or TimeoutException)
        {
            // The answer to the client is the original failure; this one changes nothing for it.
        }
    }

    private static StoredAnswer Capture(HttpResponse response, MemoryStream buffer) =>
        new(
            response.StatusCode,
            response.ContentType,
            response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
            response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
            buffer.ToArray()
        );

    private static bool NoStore(HttpResponse response) =>
        response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase);

    private static async Task ReplayAsync(HttpContext context, StoredAnswer answer)
    {
        var response = context.Response;
        response.StatusCode = answer.Status;
        response.Headers[ReplayedHeader] = "true";
        if (answer.ContentType is not null)
        {
            response.ContentType = answer.ContentType;
        }

        if (answer.Location is not null)
        {
            response.Headers.Location = answer.Location;
        }

        if (answer.ETag is not null)
        {
            response.Headers.ETag = answer.ETag;
        }

        response.ContentLength = answer.Body.Length;
        await response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }

    private static Task InFlightAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        return ProblemAsync(
            context,
            StatusCodes.Status409Conflict,
            $"A request with this {KeyHeader} is still being processed; retry later."
        );
    }

    private static Task ProblemAsync(HttpContext context, int status, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Detail = detail }).ExecuteAsync(context);

    private static Guid? UserId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>Reads the body for the fingerprint and leaves it readable for the endpoint.</summary>
    private static async Task<byte[]> BodyAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, ct);
        request.Body.Position = 0;
        return copy.ToArray();
    }
}
