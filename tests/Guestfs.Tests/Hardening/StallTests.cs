using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Tests.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guestfs.Tests.Hardening;

/// <summary>A daemon that stops in the middle of something: the caller's token ends the wait, and the connection is broken rather than left out of step.</summary>
public class StallTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task LargeReply_DaemonStallsMidMessage_TokenEndsCallAndConnectionBroken()
    {
        byte[] partial = ReplyCorpus.Concat(ReplyCorpus.Word(1_000_000), new byte[100_000]);
        var stream = new ScriptedReplyStream(partial, stallAtEnd: true);
        var connection = new GuestfsConnection(stream, NullLogger.Instance);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Task call = connection.ExecuteAsync<OpaqueRet>((Procedure)146, null, 0, null, null, "read_file", null, cts.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_limit));
        Assert.True(connection.IsBroken);
        connection.Abort("done");
    }

    [Fact]
    public async Task Upload_DaemonStallsInsideProgressMessage_TokenEndsCallAndConnectionBroken()
    {
        byte[] partial = ReplyCorpus.Concat(ReplyCorpus.Word(ProtocolConstants.ProgressFlag), new byte[8]);
        var stream = new ScriptedReplyStream(partial, stallAtEnd: true);
        var connection = new GuestfsConnection(stream, NullLogger.Instance);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var source = new MemoryStream(new byte[1024 * 1024]);
        Task call = connection.ExecuteAsync<NoReply>(Procedure.Upload, null, 0, source, null, "upload", null, cts.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_limit));
        Assert.True(connection.IsBroken);
        connection.Abort("done");
    }

    [Fact]
    public async Task Upload_DaemonStopsReading_TokenEndsCallAndConnectionBroken()
    {
        var stream = new ScriptedReplyStream([], stallAtEnd: true, writeStallAfter: 64 * 1024);
        var connection = new GuestfsConnection(stream, NullLogger.Instance);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var source = new MemoryStream(new byte[1024 * 1024]);
        Task call = connection.ExecuteAsync<NoReply>(Procedure.Upload, null, 0, source, null, "upload", null, cts.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_limit));
        Assert.True(connection.IsBroken);
        connection.Abort("done");
    }

    [Fact]
    public async Task Upload_CancelledButDaemonNeverReplies_GracePeriodThenBroken()
    {
        // The caller cancels; the cancel chunk goes out; the daemon never sends the error reply.
        var stream = new ScriptedReplyStream([], stallAtEnd: true);
        var connection = new GuestfsConnection(stream, NullLogger.Instance) { CancelGracePeriod = TimeSpan.FromMilliseconds(200) };
        using var cts = new CancellationTokenSource();
        var source = new ThrowingAfterStream(cts);
        Task call = connection.ExecuteAsync<NoReply>(Procedure.Upload, null, 0, source, null, "upload", null, cts.Token);
        OperationCanceledException e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_limit));
        Assert.Equal(cts.Token, e.CancellationToken);
        Assert.True(connection.IsBroken);
        connection.Abort("done");
    }

    /// <summary>An upload source that gives one chunk and then cancels the caller's token.</summary>
    private sealed class ThrowingAfterStream(CancellationTokenSource cts) : SourceStream
    {
        private int _reads;

        protected override ValueTask<int> ReadCoreAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            if (_reads++ > 0)
            {
                cts.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }

            buffer.Span.Fill(7);
            return new ValueTask<int>(buffer.Length);
        }
    }
}
