namespace Taskforge.Api.Http;

/// <summary>
/// The response headers a JSON API sends so browsers never sniff, frame or leak what it answers.
/// </summary>
public static class SecurityHeaders
{
    // Only the API's own answers: /docs is a page that runs Swagger UI's scripts and styles.
    private const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// On every answer, errors included: added as the response starts, so they survive the
    /// exception handler clearing a response it rewrites. Goes first in the pipeline.
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use(
            (context, next) =>
            {
                context.Response.OnStarting(AddAsync, context);
                return next(context);
            }
        );
        return app;
    }

    /// <summary>For answers that carry tokens: no cache may keep them (RFC 6749 §5.1).</summary>
    public static RouteHandlerBuilder NotStored(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(
            (invocation, next) =>
            {
                var headers = invocation.HttpContext.Response.Headers;
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
                return next(invocation);
            }
        );

    private static Task AddAsync(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (!context.Request.Path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
        }

        return Task.CompletedTask;
    }
}
