using System.Buffers;

namespace Taskforge.Api.Http;

/// <summary>
/// A response body kept in one pooled array until it is sent; past <c>limit</c> bytes it writes
/// what it holds to the client and passes everything after straight through.
/// </summary>
internal sealed class ResponseBuffer(Stream client, int limit) : Stream
{
    private byte[]? _array;
    private int _count;

    /// <summary>True once the body outgrew the buffer and went to the client as it came.</summary>
    public bool PassedThrough { get; private set; }

    public ReadOnlyMemory<byte> Written => _array is null ? default : _array.AsMemory(0, _count);

    public override bool CanRead => false;
    public override bool CanWrite => true;

    // Seekable only so that HttpResponse.Clear, which empties a body through SetLength(0) when
    // it can, drops what a failed attempt wrote before the exception handler writes its problem.
    public override bool CanSeek => !PassedThrough;
    public override long Length => _count;
    public override long Position
    {
        get => _count;
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(
        ReadOnlyMemory<byte> source,
        CancellationToken cancellationToken = default
    )
    {
        if (!PassedThrough && _count + source.Length <= limit)
        {
            Append(source.Span);
            return;
        }

        if (!PassedThrough)
        {
            PassedThrough = true;
            await client.WriteAsync(Written, cancellationToken);
            Release();
            _count = 0;
        }

        await client.WriteAsync(source, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> source)
    {
        if (!PassedThrough && _count + source.Length <= limit)
        {
            Append(source);
            return;
        }

        if (!PassedThrough)
        {
            PassedThrough = true;
            client.Write(Written.Span);
            Release();
            _count = 0;
        }

        client.Write(source);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    // Held bytes wait for the whole answer: a flush only reaches the client once they have gone.
    public override Task FlushAsync(CancellationToken cancellationToken) =>
        PassedThrough ? client.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override void Flush()
    {
        if (PassedThrough)
        {
            client.Flush();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <summary>Cuts the held body back to <paramref name="value"/> bytes; it never grows one.</summary>
    public override void SetLength(long value)
    {
        if (PassedThrough || value < 0 || value > _count)
        {
            throw new NotSupportedException("The body can only be cut back while it is held.");
        }

        _count = (int)value;
    }

    protected override void Dispose(bool disposing)
    {
        Release();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync()
    {
        Release();
        return base.DisposeAsync();
    }

    private void Append(ReadOnlySpan<byte> source)
    {
        if (_array is null || _count + source.Length > _array.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_count + source.Length, (_array?.Length ?? 2048) * 2));
            Written.Span.CopyTo(grown);
            Release();
            _array = grown;
        }

        source.CopyTo(_array.AsSpan(_count));
        _count += source.Length;
    }

    private void Release()
    {
        if (_array is not null)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = null;
        }
    }
}
