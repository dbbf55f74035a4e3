namespace Lgsp.Core.IO;

/// <summary>
/// A read-only view of a stream that gives at most <c>max</c> bytes: reading one byte more throws what
/// <c>tooLarge</c> makes (and keeps throwing), so a body of unknown length (chunked, no <c>Content-Length</c>) is
/// refused at the cap instead of after it was buffered whole. Nothing beyond the cap is read from the inner stream
/// but the one read that crossed it. <paramref name="leaveOpen"/>: disposing this leaves the inner stream alone (a
/// server's request body).
/// </summary>
public sealed class BoundedReadStream(Stream inner, long max, Func<Exception> tooLarge, bool leaveOpen = false) : Stream
{
    private long _read;
    private bool _exceeded;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        await ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_exceeded)
        {
            throw tooLarge();
        }

        // Never ask for more than one byte beyond the cap: that one byte is enough to know.
        var room = (int)Math.Min(buffer.Length, max - _read + 1);
        return Count(await inner.ReadAsync(buffer[..room], cancellationToken).ConfigureAwait(false));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!leaveOpen)
        {
            await inner.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    private int Count(int read)
    {
        if (_exceeded)
        {
            throw tooLarge();
        }

        _read += read;
        if (_read > max)
        {
            _exceeded = true;
            throw tooLarge();
        }

        return read;
    }
}
