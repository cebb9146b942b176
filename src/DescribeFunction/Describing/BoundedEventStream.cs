namespace DescribeFunction.Describing;

/// <summary>
/// A read-only view of a server-sent-event stream that refuses an event longer than <see cref="MaxEventBytes"/>: the
/// event parser keeps a whole event in memory before it hands it over, so an endpoint that never ends its line would
/// otherwise grow it until the instance runs out of memory. A real chunk is a few hundred bytes.
/// </summary>
internal sealed class BoundedEventStream(Stream inner) : Stream
{
    public const int MaxEventBytes = 1024 * 1024;

    private int _lineBytes;
    private int _eventBytes;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Count(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>An empty line ends an event; every other byte counts towards the event it belongs to.</summary>
    private int Count(ReadOnlySpan<byte> read)
    {
        foreach (var b in read)
        {
            if (b == (byte)'\n')
            {
                _eventBytes = _lineBytes == 0 ? 0 : _eventBytes;
                _lineBytes = 0;
            }
            else if (b != (byte)'\r')
            {
                _lineBytes++;
                if (++_eventBytes > MaxEventBytes)
                {
                    throw new DescribeException(
                        "bad-chunk", $"The describer endpoint sent an event of over {MaxEventBytes / 1024 / 1024} MiB without ending it; a chat.completion.chunk is a few hundred bytes.");
                }
            }
        }

        return read.Length;
    }
}
