using Microsoft.AspNetCore.Http.Features;
using Taskforge.Api.Hubs;

namespace Taskforge.Api.Http;

/// <summary>
/// Sends each answer of up to <see cref="MaxBuffered"/> bytes in one write, with a Content-Length,
/// instead of the chunked body ASP.NET Core writes for JSON (headers and body at the endpoint's
/// flush, the final chunk when the pipeline ends). Between those two writes a killed instance left
/// a proxy holding a started 201 it could only cut short; now a response is either wholly sent or
/// not begun, and nginx answers the second case with its 503. It also saves a write per request.
/// </summary>
public static class OneWriteResponses
{
    /// <summary>A page of 200 tasks fits; anything larger goes out chunked, as it came.</summary>
    public const int MaxBuffered = 256 * 1024;

    /// <summary>
    /// Outside the exception handler, so its problems go out in one write too: it clears what a
    /// failed attempt had written (see <see cref="ResponseBuffer.SetLength"/>) before writing.
    /// </summary>
    public static WebApplication UseOneWriteResponses(this WebApplication app)
    {
        app.Use(SendInOneWriteAsync);
        return app;
    }

    private static async Task SendInOneWriteAsync(HttpContext context, RequestDelegate next)
    {
        // The hub's connections stream for as long as they live.
        if (context.WebSockets.IsWebSocketRequest || context.Request.Path.StartsWithSegments(NotificationHub.Route))
        {
            await next(context);
            return;
        }

        var response = context.Response;
        var client = response.Body;
        await using var buffer = new ResponseBuffer(client, MaxBuffered);
        response.Body = buffer;
        var buffered = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        try
        {
            await next(context);
            // Whatever the endpoint wrote through the body's PipeWriter but did not flush.
            await buffered.CompleteAsync();
        }
        finally
        {
            response.Body = client;
        }

        if (buffer.PassedThrough || buffer.Written.IsEmpty)
        {
            return;
        }

        response.ContentLength ??= buffer.Written.Length;
        await client.WriteAsync(buffer.Written, context.RequestAborted);
    }
}
