using System;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;

namespace Guestfs.Tests.Hardening;

/// <summary>
/// A daemon that answers the first call with progress messages and nothing else, synchronously (every read
/// completes at once), so the client never has to wait for bytes. After <paramref name="limit"/> messages it
/// closes the channel, so that a client that never looks at its token ends with a lost connection, not a hang.
/// </summary>
/// <param name="proc">The procedure the progress messages name.</param>
/// <param name="limit">How many messages before the channel closes.</param>
/// <param name="launchFlag">Whether the launch flag comes first (for a handle that launches on this channel).</param>
internal sealed class EndlessProgressStream(Procedure proc, long limit, bool launchFlag = false) : ChannelStream
{
    private readonly byte[] _message = ReplyCorpus.ProgressMessage(proc, 1, 100);
    private readonly TaskCompletionSource _callSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _flagSent = !launchFlag;
    private int _offset;

    /// <summary>How many whole messages have been handed out.</summary>
    public long MessagesSent { get; private set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_flagSent)
        {
            _flagSent = true;
            ReplyCorpus.Word(ProtocolConstants.LaunchFlag).CopyTo(buffer.Span);
            return 4;
        }

        if (!_callSent.Task.IsCompleted)
        {
            await _callSent.Task.ConfigureAwait(false);
        }

        if (MessagesSent >= limit)
        {
            return 0;
        }

        // Fill the buffer with whole messages (and the start of the next), as a fast daemon would.
        int written = 0;
        while (written < buffer.Length && MessagesSent < limit)
        {
            int n = Math.Min(buffer.Length - written, _message.Length - _offset);
            _message.AsSpan(_offset, n).CopyTo(buffer.Span.Slice(written));
            written += n;
            _offset += n;
            if (_offset == _message.Length)
            {
                _offset = 0;
                MessagesSent++;
            }
        }

        return written;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _callSent.TrySetResult();
        return ValueTask.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        _callSent.TrySetResult();
        base.Dispose(disposing);
    }
}
