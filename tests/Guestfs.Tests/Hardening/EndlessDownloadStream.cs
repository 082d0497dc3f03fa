using System;
using System.Buffers.Binary;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;

namespace Guestfs.Tests.Hardening;

/// <summary>What an endless download does once the client sends the cancel flag.</summary>
internal enum AfterCancelFlag
{
    /// <summary>As guestfsd: finish the chunk in flight, send a cancel chunk, then wait for the next call.</summary>
    SendCancelChunk,

    /// <summary>A hostile daemon: keep streaming.</summary>
    KeepStreaming,

    /// <summary>A hung daemon: send nothing more.</summary>
    Stall,
}

/// <summary>
/// A daemon answering a download with an OK reply and then full chunks forever, synchronously, so a whole
/// call runs on one thread and its allocations can be measured.
/// </summary>
internal sealed class EndlessDownloadStream(AfterCancelFlag afterCancel) : ChannelStream
{
    private static readonly byte[] s_chunkFrame = ReplyCorpus.Frame(ReplyCorpus.Chunk(0, new byte[ProtocolConstants.MaxChunkSize]));
    private static readonly byte[] s_cancelChunkFrame = ReplyCorpus.Frame(ReplyCorpus.Chunk(1, []));
    private readonly TaskCompletionSource<int> _stall = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _current = ReplyCorpus.Frame(ReplyCorpus.Reply(Procedure.Download));
    private int _offset;
    private bool _cancelSeen;
    private bool _ended;

    public long ChunksSent { get; private set; }

    public bool CancelFlagReceived => _cancelSeen;

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_offset == _current.Length)
        {
            if (_ended || (_cancelSeen && afterCancel == AfterCancelFlag.Stall))
            {
                return new ValueTask<int>(_stall.Task);
            }

            if (_cancelSeen && afterCancel == AfterCancelFlag.SendCancelChunk)
            {
                _current = s_cancelChunkFrame;
                _ended = true;
            }
            else
            {
                _current = s_chunkFrame;
                ChunksSent++;
            }

            _offset = 0;
        }

        int n = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsSpan(_offset, n).CopyTo(buffer.Span);
        _offset += n;
        return new ValueTask<int>(n);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length == 4 && BinaryPrimitives.ReadUInt32BigEndian(buffer.Span) == ProtocolConstants.CancelFlag)
        {
            _cancelSeen = true;
        }

        return ValueTask.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        _stall.TrySetException(new ObjectDisposedException(nameof(EndlessDownloadStream)));
        base.Dispose(disposing);
    }
}
