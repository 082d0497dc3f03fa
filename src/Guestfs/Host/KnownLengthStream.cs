using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Host;

/// <summary>
/// A forward-only view of an entry's data in an archive being read as it arrives, that says its length. Writing a
/// tar entry into a pipe needs the data's length up front, which the writer only asks of a seekable stream; this
/// reports itself seekable for that, and refuses any actual seek. Data that ends before the length is an error.
/// </summary>
internal sealed class KnownLengthStream(Stream inner, long length) : Stream
{
    private long _position;

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => true;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => length;

    /// <inheritdoc/>
    public override long Position
    {
        get => _position;
        set
        {
            if (value != _position)
            {
                throw new NotSupportedException("the entry's data can only be read forwards");
            }
        }
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) =>
        (origin == SeekOrigin.Begin && offset == _position) || (origin == SeekOrigin.Current && offset == 0)
            ? _position
            : throw new NotSupportedException("the entry's data can only be read forwards");

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Counted(int read)
    {
        if (read == 0 && _position < length)
        {
            // A short entry would make the writer's archive claim bytes it does not hold.
            throw new EndOfStreamException($"the entry's data ends after {_position} of its {length} bytes");
        }

        _position += read;
        return read;
    }
}
