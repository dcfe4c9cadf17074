using Microsoft.AspNetCore.Diagnostics;

namespace Taskforge.Api.Telemetry;

/// <summary>The route template a request matched (never the raw path, which carries ids and query strings).</summary>
public static class RouteTemplate
{
    public const string Unmatched = "unmatched";

    /// <summary>The exception handler clears the endpoint before it answers; its feature keeps the one that failed.</summary>
    public static string Of(HttpContext context)
    {
        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        return (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? Unmatched;
    }
}
