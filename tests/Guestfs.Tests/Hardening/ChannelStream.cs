using System;
using System.IO;

namespace Guestfs.Tests.Hardening;

/// <summary>
/// The shape every in-memory daemon channel of these tests shares: readable and writable, not seekable, and
/// synchronous reads and writes not supported (the connection only uses the asynchronous ones). Subclasses supply
/// <see cref="Stream.ReadAsync(Memory{byte}, System.Threading.CancellationToken)"/> and
/// <see cref="Stream.WriteAsync(ReadOnlyMemory{byte}, System.Threading.CancellationToken)"/>.
/// </summary>
internal abstract class ChannelStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
