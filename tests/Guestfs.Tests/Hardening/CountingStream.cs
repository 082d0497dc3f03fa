using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Tests.Hardening;

/// <summary>A download destination that only counts, ignores any token, and runs an action once past a threshold.</summary>
internal sealed class CountingStream(long threshold, Action onThreshold) : Stream
{
    private bool _fired;

    public long Count { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Count;

    public override long Position { get => Count; set => throw new NotSupportedException(); }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Count += buffer.Length;
        if (!_fired && Count >= threshold)
        {
            _fired = true;
            onThreshold();
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
