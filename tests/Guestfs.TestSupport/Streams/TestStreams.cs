using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.TestSupport;

/// <summary>
/// A read-only, non-seekable stream: a subclass says only how to fill one buffer (<see cref="ReadCoreAsync"/>);
/// everything else a <see cref="Stream"/> needs is here once. <see cref="Position"/> counts the bytes handed out.
/// </summary>
internal abstract class SourceStream : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    /// <summary>Fills part of <paramref name="buffer"/>; returns the count, 0 at the end.</summary>
    protected abstract ValueTask<int> ReadCoreAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    public sealed override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = await ReadCoreAsync(buffer, cancellationToken);
        _position += n;
        return n;
    }

    public sealed override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public sealed override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// A write-only, non-seekable stream: a subclass says only what to do with one buffer (<see cref="WriteCoreAsync"/>);
/// <see cref="Count"/> (also <see cref="Length"/> and <see cref="Position"/>) is the number of bytes accepted.
/// </summary>
internal abstract class SinkStream : Stream
{
    public long Count { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Count;

    public override long Position { get => Count; set => throw new NotSupportedException(); }

    /// <summary>Takes <paramref name="buffer"/> (throw to refuse it).</summary>
    protected abstract ValueTask WriteCoreAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken);

    public sealed override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await WriteCoreAsync(buffer, cancellationToken);
        Count += buffer.Length;
    }

    public sealed override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public sealed override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>
/// <paramref name="length"/> bytes of <paramref name="value"/>, each read after <paramref name="delayPerRead"/> (a slow
/// disk or network source); then, if <paramref name="failAtEnd"/>, an <see cref="IOException"/> instead of the end.
/// <see cref="long.MaxValue"/> makes it endless.
/// </summary>
internal sealed class FilledSource(long length, byte value, TimeSpan delayPerRead = default, bool failAtEnd = false) : SourceStream
{
    protected override async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (delayPerRead > TimeSpan.Zero)
        {
            await Task.Delay(delayPerRead, cancellationToken);
        }

        int n = (int)Math.Min(buffer.Length, length - Position);
        if (n == 0 && failAtEnd)
        {
            throw new IOException("source failed");
        }

        buffer.Span[..n].Fill(value);
        return n;
    }
}

/// <summary>A sink that takes its time over each write (<paramref name="delayPerWrite"/>) and keeps nothing.</summary>
internal sealed class SlowSink(TimeSpan delayPerWrite) : SinkStream
{
    protected override async ValueTask WriteCoreAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken) =>
        await Task.Delay(delayPerWrite, cancellationToken);
}

/// <summary>A sink whose every write fails with an <see cref="IOException"/> (a full or broken destination).</summary>
internal sealed class FailingSink : SinkStream
{
    protected override ValueTask WriteCoreAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken) =>
        throw new IOException("destination failed");
}

/// <summary>A source that hands out the bytes of <paramref name="content"/> only as far as the test has released them.</summary>
internal sealed class GatedSource(byte[] content) : SourceStream
{
    private readonly SemaphoreSlim _available = new(0);
    private int _released;

    public void Release(int count)
    {
        _released = (int)Math.Min((long)_released + count, content.Length);
        _available.Release();
    }

    protected override async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (Position >= _released)
        {
            if (Position >= content.Length)
            {
                return 0;
            }

            await _available.WaitAsync(cancellationToken);
        }

        int n = (int)Math.Min(buffer.Length, _released - Position);
        content.AsMemory((int)Position, n).CopyTo(buffer);
        return n;
    }
}
