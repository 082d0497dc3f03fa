using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guestfs.Tests.Hardening;

/// <summary>
/// The caller's token fires at the very moment the daemon's bytes arrive. The bytes must be kept: dropping
/// them, or calling the connection lost, would turn an ordinary cancelled download into a killed appliance.
/// </summary>
public class CancelRaceTests
{
    [Fact]
    public async Task Download_TokenFiresAsReplyArrives_BytesKeptTransferCancelledByProtocolConnectionUsable()
    {
        byte[] reply = ReplyCorpus.Frame(ReplyCorpus.Reply(Procedure.Download));
        byte[] rest = [.. ReplyCorpus.Frame(ReplyCorpus.Chunk(0, new byte[100])), .. ReplyCorpus.Frame(ReplyCorpus.Chunk(1, []))];
        var daemon = new RacingStream(reply, rest);
        var connection = new GuestfsConnection(daemon, NullLogger.Instance) { CancelGracePeriod = TimeSpan.FromSeconds(10) };
        using var cts = new CancellationTokenSource();

        Task call = Task.Run(() => connection.ExecuteAsync<NoReply>(Procedure.Download, null, 0, null, new MemoryStream(), "download", null, cts.Token));
        await daemon.FirstReadStarted.WaitAsync(TimeSpan.FromSeconds(10));
        // The connection registers its wait on the token right after starting the read; give it time to do so,
        // then register the arrival of the reply. Token callbacks run last-registered first, so the reply lands
        // just before the connection's wait is cancelled: the read has completed when the cancellation is seen.
        await Task.Delay(100);
        cts.Token.Register(daemon.CompleteFirstRead);
        cts.Cancel();

        OperationCanceledException e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(cts.Token, e.CancellationToken);
        Assert.False(connection.IsBroken, connection.BrokenReason);
        Assert.Equal(ProtocolConstants.CancelFlag, BinaryPrimitives.ReadUInt32BigEndian(daemon.Written.AsSpan(daemon.Written.Length - 4)));
        Assert.True(daemon.AllSent);
        connection.Abort("done");
    }

    [Fact]
    public async Task Download_TokenFiresAsCallWriteCompletes_CallCountsAsSentTransferCancelledByProtocol()
    {
        byte[] replies = [.. ReplyCorpus.Frame(ReplyCorpus.Reply(Procedure.Download)), .. ReplyCorpus.Frame(ReplyCorpus.Chunk(1, []))];
        var daemon = new RacingStream([], replies, gateFirstWrite: true);
        var connection = new GuestfsConnection(daemon, NullLogger.Instance) { CancelGracePeriod = TimeSpan.FromSeconds(10) };
        using var cts = new CancellationTokenSource();

        Task call = Task.Run(() => connection.ExecuteAsync<NoReply>(Procedure.Download, null, 0, null, new MemoryStream(), "download", null, cts.Token));
        await daemon.FirstWriteStarted.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(100); // as above: the connection's wait on the token is registered by now
        cts.Token.Register(daemon.CompleteFirstWrite);
        cts.Cancel();

        OperationCanceledException e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(cts.Token, e.CancellationToken);
        Assert.False(connection.IsBroken, connection.BrokenReason);
        Assert.Equal(ProtocolConstants.CancelFlag, BinaryPrimitives.ReadUInt32BigEndian(daemon.Written.AsSpan(daemon.Written.Length - 4)));
        Assert.True(daemon.AllSent);
        connection.Abort("done");
    }

    /// <summary>
    /// The first read (or, with <c>gateFirstWrite</c>, the first write) completes only when the test says so, with
    /// continuations run asynchronously; later reads return the rest.
    /// </summary>
    private sealed class RacingStream(byte[] first, byte[] rest, bool gateFirstWrite = false) : ChannelStream
    {
        private readonly TaskCompletionSource _firstWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _firstWriteStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<int> _firstRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _firstReadStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<int> _stall = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly MemoryStream _written = new();
        private Memory<byte> _firstBuffer;
        private ReadOnlyMemory<byte> _firstWriteData;
        private int _reads;
        private int _writes;
        private int _restOffset;

        public Task FirstReadStarted => _firstReadStarted.Task;

        public Task FirstWriteStarted => _firstWriteStarted.Task;

        public void CompleteFirstWrite()
        {
            lock (_written)
            {
                _written.Write(_firstWriteData.Span);
            }

            _firstWrite.SetResult();
        }

        public byte[] Written => _written.ToArray();

        public bool AllSent => _restOffset == rest.Length;

        public void CompleteFirstRead()
        {
            first.CopyTo(_firstBuffer);
            _firstRead.SetResult(first.Length);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_reads++ == 0 && !gateFirstWrite)
            {
                _firstBuffer = buffer;
                _firstReadStarted.SetResult();
                return new ValueTask<int>(_firstRead.Task);
            }

            if (_restOffset == rest.Length)
            {
                return new ValueTask<int>(_stall.Task);
            }

            int n = Math.Min(buffer.Length, rest.Length - _restOffset);
            rest.AsSpan(_restOffset, n).CopyTo(buffer.Span);
            _restOffset += n;
            return new ValueTask<int>(n);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (gateFirstWrite && _writes++ == 0)
            {
                _firstWriteData = buffer.ToArray();
                _firstWriteStarted.SetResult();
                return new ValueTask(_firstWrite.Task);
            }

            lock (_written)
            {
                _written.Write(buffer.Span);
            }

            return ValueTask.CompletedTask;
        }

        protected override void Dispose(bool disposing)
        {
            _stall.TrySetException(new ObjectDisposedException(nameof(RacingStream)));
            base.Dispose(disposing);
        }
    }
}
