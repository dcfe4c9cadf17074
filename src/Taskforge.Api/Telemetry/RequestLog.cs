using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;

namespace Taskforge.Api.Telemetry;

/// <summary>
/// One line per request (method, route template, status, duration, user id, trace id), and the
/// request's span named after its route template. Never the raw path or query string: the hub's
/// <c>access_token</c> travels there.
/// </summary>
public sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var route = RouteTemplate.Of(context);
            var status = context.Response.StatusCode;
            var activity = context.Features.Get<IHttpActivityFeature>()?.Activity;
            Describe(activity, context.Request.Method, route, status);
            if (logger.IsEnabled(LogLevel.Information))
            {
                var durationMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
                var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
                var traceId = activity?.TraceId.ToHexString() ?? context.TraceIdentifier;
                LogRequest(context.Request.Method, route, status, durationMs, userId, traceId);
            }
        }
    }

    // The names and attributes OpenTelemetry's HTTP server conventions give a request span.
    private static void Describe(Activity? activity, string method, string route, int status)
    {
        if (activity is null || !activity.IsAllDataRequested)
        {
            return;
        }

        activity.DisplayName = route == RouteTemplate.Unmatched ? method : $"{method} {route}";
        activity.SetTag("http.request.method", method);
        activity.SetTag("http.response.status_code", status.ToString(CultureInfo.InvariantCulture));
        if (route != RouteTemplate.Unmatched)
        {
            activity.SetTag("http.route", route);
        }

        if (status >= StatusCodes.Status500InternalServerError)
        {
            activity.SetStatus(ActivityStatusCode.Error);
            activity.SetTag("error.type", status.ToString(CultureInfo.InvariantCulture));
        }
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "{Method} {Route} {StatusCode} in {DurationMs} ms, user {UserId}, trace {TraceId}"
    )]
    private partial void LogRequest(
        string method,
        string route,
        int statusCode,
        double durationMs,
        string userId,
        string traceId
    );
}
