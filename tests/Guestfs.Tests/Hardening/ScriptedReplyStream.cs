using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Tests.Hardening;

/// <summary>
/// An in-memory daemon channel: reads return the scripted bytes in pieces of the given sizes (synchronously,
/// so a whole call runs on the test's thread and its allocations can be measured), then either end of stream
/// or a read that never completes until the stream is disposed. Writes are recorded.
/// </summary>
internal sealed class ScriptedReplyStream : ChannelStream
{
    private readonly byte[] _data;
    private readonly int[] _pieces;
    private readonly bool _stallAtEnd;
    private readonly long _writeStallAfter;
    private readonly TaskCompletionSource<int> _stall = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly MemoryStream _written = new();
    private int _position;
    private int _reads;

    public ScriptedReplyStream(byte[] data, int[]? pieces = null, bool stallAtEnd = false, long writeStallAfter = long.MaxValue)
    {
        _writeStallAfter = writeStallAfter;
        _data = data;
        _pieces = pieces is { Length: > 0 } ? pieces : [int.MaxValue];
        _stallAtEnd = stallAtEnd;
    }

    public bool Disposed { get; private set; }

    public byte[] Written => _written.ToArray();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        if (_position < _data.Length)
        {
            int piece = Math.Max(1, _pieces[_reads++ % _pieces.Length]);
            int n = Math.Min(Math.Min(buffer.Length, piece), _data.Length - _position);
            _data.AsSpan(_position, n).CopyTo(buffer.Span);
            _position += n;
            return new ValueTask<int>(n);
        }

        return _stallAtEnd ? new ValueTask<int>(_stall.Task) : new ValueTask<int>(0);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        if (_written.Length + buffer.Length > _writeStallAfter)
        {
            // The peer stopped reading: the write never completes (until the stream is disposed).
            return new ValueTask(_stall.Task);
        }

        _written.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => _written.Write(buffer, offset, count);

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        _stall.TrySetException(new ObjectDisposedException(nameof(ScriptedReplyStream)));
        base.Dispose(disposing);
    }
}
