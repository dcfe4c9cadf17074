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
/// The outermost middleware of the app under test: it copies every documented route's answer
/// (status, headers as sent, body) while passing it through unchanged, whichever client asked.
/// </summary>
public sealed class ResponseRecorder : IStartupFilter
{
    public ConcurrentQueue<RecordedResponse> Responses { get; } = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
        app =>
        {
            app.Use(RecordAsync);
            next(app);
        };

    private static bool IsDocumented(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        if (!IsDocumented(context.Request.Path) || HttpMethods.IsOptions(context.Request.Method))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var copy = new MemoryStream();
        context.Response.Body = new TeeStream(original, copy);
        Dictionary<string, string>? headers = null;

        // Registered first, so it runs after every other OnStarting callback: it sees the headers as sent.
        context.Response.OnStarting(() =>
        {
            headers = context.Response.Headers.ToDictionary(
                h => h.Key,
                h => h.Value.ToString(),
                StringComparer.OrdinalIgnoreCase
            );
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
            await context.Response.StartAsync();
        }
        finally
        {
            context.Response.Body = original;
        }

        Responses.Enqueue(
            new RecordedResponse(
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                context.Response.StatusCode,
                headers ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
                context.Response.ContentType,
                copy.ToArray()
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
