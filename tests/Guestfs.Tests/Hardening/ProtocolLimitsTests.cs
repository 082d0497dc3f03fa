using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Tests.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guestfs.Tests.Hardening;

/// <summary>The protocol's limits (message maximum, error length, chunk size) at and just past each edge, and endless downloads.</summary>
public class ProtocolLimitsTests
{
    private static readonly ReplyCase s_int = ReplyCorpus.All[2];
    private static readonly ReplyCase s_opaque = ReplyCorpus.All[8];
    private static readonly ReplyCase s_download = ReplyCorpus.All[9];

    [Fact]
    public async Task Reply_BodyOfExactlyMessageMax_Decodes()
    {
        // header 40 bytes + opaque length word 4 + data = MessageMax
        byte[] data = new byte[ProtocolConstants.MessageMax - 44];
        new Random(3).NextBytes(data);
        byte[] input = ReplyCorpus.Frame(ReplyCorpus.Reply(s_opaque.Procedure, w => w.WriteOpaque(data)));
        Assert.Equal(4 + ProtocolConstants.MessageMax, input.Length);
        RunResult r = await ReceivePathFuzzTests.RunBounded(s_opaque, input, [65536]);
        Assert.Null(r.Failure);
    }

    [Fact]
    public async Task Reply_LengthWordOneAboveMessageMax_ProtocolErrorWithoutReadingTheBody()
    {
        byte[] input = ReplyCorpus.Concat(ReplyCorpus.Word(ProtocolConstants.MessageMax + 1), new byte[1024]);
        RunResult r = await ReceivePathFuzzTests.RunBounded(s_opaque, input, null);
        GuestfsProtocolException e = Assert.IsType<GuestfsProtocolException>(r.Failure);
        Assert.Contains("above the maximum", e.Message);
    }

    [Theory]
    [InlineData(ProtocolConstants.ErrorLen, false)]
    [InlineData(ProtocolConstants.ErrorLen + 1, true)]
    public async Task ErrorReply_MessageAtAndPastErrorLen(int length, bool violation)
    {
        byte[] input = ReplyCorpus.Frame(ReplyCorpus.UncheckedError(s_int.Procedure, "EIO", new string('x', length)));
        RunResult r = await ReceivePathFuzzTests.RunBounded(s_int, input, null);
        if (violation)
        {
            Assert.IsType<GuestfsProtocolException>(r.Failure);
            Assert.True(r.Broken);
        }
        else
        {
            GuestfsException e = Assert.IsType<GuestfsException>(r.Failure);
            Assert.Equal("EIO", e.Errno);
            Assert.EndsWith(new string('x', length), e.Message);
            Assert.False(r.Broken);
        }
    }

    [Theory]
    [InlineData(32, false)]
    [InlineData(33, true)]
    public async Task ErrorReply_ErrnoAtAndPast32Bytes(int length, bool violation)
    {
        byte[] input = ReplyCorpus.Frame(ReplyCorpus.UncheckedError(s_int.Procedure, new string('E', length), "failed"));
        RunResult r = await ReceivePathFuzzTests.RunBounded(s_int, input, null);
        Assert.IsType(violation ? typeof(GuestfsProtocolException) : typeof(GuestfsException), r.Failure);
        Assert.Equal(violation, r.Broken);
    }

    [Theory]
    [InlineData(ProtocolConstants.MaxChunkSize, false)]
    [InlineData(ProtocolConstants.MaxChunkSize + 1, true)]
    public async Task DownloadChunk_AtAndPastMaxChunkSize(int size, bool violation)
    {
        // The encoder refuses an oversized chunk, so the frame is built by hand.
        byte[] body = ReplyCorpus.Concat(ReplyCorpus.Word(0), ReplyCorpus.Word((uint)size), new byte[(size + 3) & ~3]);
        byte[] input = ReplyCorpus.Concat(
            ReplyCorpus.Frame(ReplyCorpus.Reply(Procedure.Download)), ReplyCorpus.Frame(body), ReplyCorpus.Frame(ReplyCorpus.Chunk(0, [])));
        var destination = new MemoryStream();
        RunResult r = await ReplyCorpus.RunAsync(s_download, input, download: destination);
        if (violation)
        {
            Assert.IsType<GuestfsProtocolException>(r.Failure);
            Assert.Equal(0, destination.Length);
        }
        else
        {
            Assert.Null(r.Failure);
            Assert.Equal(size, destination.Length);
        }
    }

    [Fact]
    public async Task Download_DaemonStreamsForever_CallerTokenStopsItMemoryBoundedConnectionUsable()
    {
        const long streamed = 32L * 1024 * 1024;
        var daemon = new EndlessDownloadStream(AfterCancelFlag.SendCancelChunk);
        var connection = new GuestfsConnection(daemon, NullLogger.Instance);
        using var cts = new CancellationTokenSource();
        var destination = new CountingStream(streamed, cts.Cancel); // never looks at the token itself

        (Task call, long allocated) = await Task.Run(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Task call = connection.ExecuteAsync<NoReply>(Procedure.Download, null, 0, null, destination, "download", null, cts.Token);
            return (call, GC.GetAllocatedBytesForCurrentThread() - before);
        }).WaitAsync(TimeSpan.FromSeconds(30));

        OperationCanceledException e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cts.Token, e.CancellationToken);
        Assert.True(daemon.CancelFlagReceived);
        Assert.False(connection.IsBroken, connection.BrokenReason);
        Assert.InRange(destination.Count, streamed, streamed + ProtocolConstants.MaxChunkSize);
        Assert.True(allocated < 1024 * 1024, $"{allocated} bytes allocated while streaming {destination.Count} bytes");
    }

    [Fact]
    public async Task Download_DaemonIgnoresCancelFlagAndStreamsForever_DrainBoundedThenBroken()
    {
        var daemon = new EndlessDownloadStream(AfterCancelFlag.KeepStreaming);
        var connection = new GuestfsConnection(daemon, NullLogger.Instance) { DrainLimit = 4 * 1024 * 1024 };
        using var cts = new CancellationTokenSource();
        var destination = new CountingStream(1024 * 1024, cts.Cancel);

        Task call = Task.Run(() => connection.ExecuteAsync<NoReply>(Procedure.Download, null, 0, null, destination, "download", null, cts.Token));
        OperationCanceledException e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(cts.Token, e.CancellationToken);
        Assert.True(connection.IsBroken);
        Assert.Contains("kept sending after the download", connection.BrokenReason);
        Assert.InRange(daemon.ChunksSent * ProtocolConstants.MaxChunkSize, 4L * 1024 * 1024, 6L * 1024 * 1024);
    }

    [Fact]
    public async Task Download_DaemonStallsAfterCancelFlag_GracePeriodThenBroken()
    {
        var daemon = new EndlessDownloadStream(AfterCancelFlag.Stall);
        var connection = new GuestfsConnection(daemon, NullLogger.Instance) { CancelGracePeriod = TimeSpan.FromMilliseconds(200) };
        using var cts = new CancellationTokenSource();
        var destination = new CountingStream(1024 * 1024, cts.Cancel);

        Task call = Task.Run(() => connection.ExecuteAsync<NoReply>(Procedure.Download, null, 0, null, destination, "download", null, cts.Token));
        OperationCanceledException e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(cts.Token, e.CancellationToken);
        Assert.True(connection.IsBroken);
        connection.Abort("done");
    }
}
