using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Taskforge.IntegrationTests.Infrastructure.ApiContract;

/// <summary>One answer the app gave during a test: what <see cref="OpenApiTraffic"/> checks against the document.</summary>
public sealed record RecordedResponse(
    string Method,
    string Path,
    int Status,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    byte[] Body
);

/// <summary>
/// The outermost middleware of the app under test: it checks every documented route's answer
/// (status, headers, body) against the OpenAPI document, whichever client asked.
/// </summary>
public sealed class ResponseRecorder : IStartupFilter
{
    public ConcurrentQueue<RecordedResponse> Responses { get; } = new();

    /// <summary>Every contract violation seen so far (also answered at once, see <see cref="RecordAsync"/>).</summary>
    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>Checks one answer against the document of its version; set by <see cref="TaskforgeApp"/>.</summary>
    public Func<RecordedResponse, Task<IReadOnlyList<string>>>? Check { get; set; }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
        app =>
        {
            app.Use(RecordAsync);
            next(app);
        };

    private static bool IsDocumented(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    /// <summary>
    /// Holds the answer back until it is checked; an answer off the document is replaced by a 500
    /// problem naming the violation, so the test that caused it fails at once with the reason.
    /// </summary>
    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        if (!IsDocumented(context.Request.Path) || HttpMethods.IsOptions(context.Request.Method))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var response = new RecordedResponse(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Response.StatusCode,
            context.Response.Headers.ToDictionary(
                h => h.Key,
                h => h.Value.ToString(),
                StringComparer.OrdinalIgnoreCase
            ),
            context.Response.ContentType,
            buffer.ToArray()
        );
        Responses.Enqueue(response);
        IReadOnlyList<string> violations = Check is null || context.Response.HasStarted ? [] : await Check(response);
        if (violations.Count == 0)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
            return;
        }

        foreach (var violation in violations)
        {
            Violations.Enqueue(violation);
        }

        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "application/problem+json";
        await context.Response.WriteAsync(
            System.Text.Json.JsonSerializer.Serialize(
                new Dictionary<string, object>
                {
                    ["title"] = "OpenAPI contract violation (test host)",
                    ["status"] = 500,
                    ["detail"] = string.Join("\n", violations),
                }
            )
        );
    }

    /// <summary>Writes go to the real body and to a copy.</summary>
    private sealed class TeeStream(Stream inner, Stream copy) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            copy.Write(buffer, offset, count);
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(
            ReadOnlyMemory<byte> buffer,
            CancellationToken cancellationToken = default
        )
        {
            copy.Write(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
