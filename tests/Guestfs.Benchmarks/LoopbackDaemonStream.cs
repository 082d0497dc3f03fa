using System;
using System.Buffers.Binary;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Benchmarks;

/// <summary>
/// A daemon stand-in for framing benchmarks: every call frame written to it is answered with the same reply frame,
/// its serial patched to the call's, so the client's encode → write → read → decode path runs without a kernel.
/// </summary>
internal sealed class LoopbackDaemonStream : Stream
{
    /// <summary>Offset of the serial in a frame: the length word, then prog, vers, proc and direction.</summary>
    private const int SerialOffset = 4 + (4 * 4);

    private readonly byte[] _reply;
    private int _replyPos;
    private int _replyEnd;
    private TaskCompletionSource? _waiting;

    /// <summary>Initializes the stream with the reply frame (length word included) it answers every call with.</summary>
    /// <param name="replyFrame">The reply frame.</param>
    public LoopbackDaemonStream(byte[] replyFrame) => _reply = replyFrame;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_replyPos == _replyEnd)
        {
            throw new InvalidOperationException("the client read before sending a call");
        }

        int n = Math.Min(buffer.Length, _replyEnd - _replyPos);
        _reply.AsSpan(_replyPos, n).CopyTo(buffer);
        _replyPos += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_replyPos == _replyEnd)
        {
            _waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await _waiting.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return Read(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < SerialOffset + 4)
        {
            throw new InvalidOperationException("expected a whole call frame in one write");
        }

        BinaryPrimitives.WriteUInt32BigEndian(_reply.AsSpan(SerialOffset), BinaryPrimitives.ReadUInt32BigEndian(buffer[SerialOffset..]));
        _replyPos = 0;
        _replyEnd = _reply.Length;
        TaskCompletionSource? waiting = _waiting;
        _waiting = null;
        waiting?.SetResult();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
