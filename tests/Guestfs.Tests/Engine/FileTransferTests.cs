using System;
using System.IO;
using System.IO.Pipes;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;

namespace Guestfs.Tests.Engine;

public class FileTransferTests
{
    private static byte[] Data(int length, int seed = 1)
    {
        byte[] b = new byte[length];
        new Random(seed).NextBytes(b);
        return b;
    }

    private static async Task<byte[]> ReadUploadAsync(FakeDaemon daemon)
    {
        using var received = new MemoryStream();
        while (true)
        {
            (int cancel, byte[] data) = await daemon.ReadChunkAsync();
            Assert.Equal(0, cancel);
            Assert.True(data.Length <= ProtocolConstants.MaxChunkSize);
            if (data.Length == 0)
            {
                return received.ToArray();
            }

            received.Write(data);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8192)]
    [InlineData(8193)]
    [InlineData(100_003)]
    public async Task Upload_SeekableSource_ChunksEndChunkAndLengthAsProgressHint(int length)
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        byte[] content = Data(length);
        Task call = g.CallAsync(Procedure.Upload, new StringArgs("/f"), 0, new CallTransfer(Upload: new MemoryStream(content)), default);
        ReceivedCall c = await daemon.ReadCallAsync();
        Assert.Equal((ulong)length, c.Header.ProgressHint);
        Assert.Equal(content, await ReadUploadAsync(daemon));
        await daemon.SendReplyAsync(c);
        await call;
    }

    [Fact]
    public async Task Upload_PipeOfUnknownLength_ProgressHintZeroAndAllBytesSent()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        byte[] content = Data(50_000);
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        Task writer = Task.Run(async () =>
        {
            for (int i = 0; i < content.Length; i += 777)
            {
                await server.WriteAsync(content.AsMemory(i, Math.Min(777, content.Length - i)));
            }

            server.Dispose();
        });
        Task call = g.CallAsync(Procedure.Upload, new StringArgs("/f"), 0, new CallTransfer(Upload: client), default);
        ReceivedCall c = await daemon.ReadCallAsync();
        Assert.Equal(0UL, c.Header.ProgressHint);
        Assert.Equal(content, await ReadUploadAsync(daemon));
        await daemon.SendReplyAsync(c);
        await call;
        await writer;
    }

    [Fact]
    public async Task Upload_ProgressDuringChunks_DeliveredAndUploadCompletes()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        byte[] content = Data(200_000);
        int reports = 0;
        var progress = new Progress(() => Interlocked.Increment(ref reports));
        Task call = g.CallAsync(Procedure.Upload, new StringArgs("/f"), 0, new CallTransfer(Upload: new MemoryStream(content), Progress: progress), default);
        ReceivedCall c = await daemon.ReadCallAsync();
        await daemon.SendProgressAsync(c, 1, 200_000);
        byte[] received = await ReadUploadAsync(daemon);
        await daemon.SendProgressAsync(c, 200_000, 200_000);
        await daemon.SendReplyAsync(c);
        await call;
        Assert.Equal(content, received);
        Assert.Equal(2, reports);
    }

    [Fact]
    public async Task Upload_CallerCancels_CancelChunkSentThenErrorReplyReadAndHandleUsable()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        using var cts = new CancellationTokenSource();
        var source = new GatedSource(Data(8192 * 3));
        Task call = g.CallAsync(Procedure.Upload, new StringArgs("/f"), 0, new CallTransfer(Upload: source), cts.Token);
        ReceivedCall c = await daemon.ReadCallAsync();
        source.Release(8192);
        (int cancel, byte[] data) = await daemon.ReadChunkAsync();
        Assert.Equal((0, 8192), (cancel, data.Length));
        cts.Cancel();
        (cancel, data) = await daemon.ReadChunkAsync();
        Assert.Equal(1, cancel);
        Assert.Empty(data);
        await daemon.SendErrorAsync(c, "EINTR", "operation cancelled");

        OperationCanceledException e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cts.Token, e.CancellationToken);
        Assert.Equal(GuestfsState.Ready, g.State);
        await AssertUsableAsync(g, daemon);
    }

    [Fact]
    public async Task Upload_DaemonCancels_CancelChunkSentAndDaemonErrorThrown()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        var source = new GatedSource(Data(8192 * 4));
        Task call = g.CallAsync(Procedure.Upload, new StringArgs("/nonexistent/f"), 0, new CallTransfer(Upload: source), default);
        ReceivedCall c = await daemon.ReadCallAsync();
        await daemon.SendWordAsync(ProtocolConstants.CancelFlag);
        await Task.Delay(50); // let the flag arrive before the next chunk is read from the source
        source.Release(int.MaxValue);
        // Drain as the daemon does, until the cancel chunk (or end chunk).
        int cancel;
        byte[] data;
        do
        {
            (cancel, data) = await daemon.ReadChunkAsync();
        }
        while (cancel == 0 && data.Length > 0);
        Assert.Equal(1, cancel);
        await daemon.SendErrorAsync(c, "ENOENT", "/nonexistent/f: No such file or directory");

        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => call);
        Assert.Equal("ENOENT", e.Errno);
        await AssertUsableAsync(g, daemon);
    }

    [Fact]
    public async Task Upload_SourceStreamThrows_CancelChunkSentAndSourceExceptionRethrown()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        var source = new FilledSource(8192 + 100, 7, failAtEnd: true);
        Task call = g.CallAsync(Procedure.Upload, new StringArgs("/f"), 0, new CallTransfer(Upload: source), default);
        ReceivedCall c = await daemon.ReadCallAsync();
        (int cancel, byte[] data) = await daemon.ReadChunkAsync();
        Assert.Equal((0, 8192), (cancel, data.Length));
        (cancel, data) = await daemon.ReadChunkAsync();
        Assert.Equal(1, cancel);
        await daemon.SendErrorAsync(c, "EIO", "cancelled");
        IOException e = await Assert.ThrowsAsync<IOException>(() => call);
        Assert.Equal("source failed", e.Message);
        await AssertUsableAsync(g, daemon);
    }

    [Fact]
    public async Task Upload_UserCancel_ThrowsEintrAndHandleUsable()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        var source = new GatedSource(Data(8192 * 3));
        Task call = g.CallAsync(Procedure.Upload, new StringArgs("/f"), 0, new CallTransfer(Upload: source), default);
        ReceivedCall c = await daemon.ReadCallAsync();
        await g.UserCancelAsync();
        (int cancel, _) = await daemon.ReadChunkAsync();
        Assert.Equal(1, cancel);
        await daemon.SendErrorAsync(c, "EINTR", "cancelled");
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => call);
        Assert.Equal("EINTR", e.Errno);
        await AssertUsableAsync(g, daemon);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(8192 * 10 + 3)]
    public async Task Download_ReplyThenChunks_WrittenToDestination(int length)
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        byte[] content = Data(length);
        var dest = new MemoryStream();
        var progress = new Progress(() => { });
        Task call = g.CallAsync(Procedure.Download, new StringArgs("/f"), 0, new CallTransfer(Download: dest), default);
        ReceivedCall c = await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(c);
        for (int i = 0; i < length; i += 8192)
        {
            await daemon.SendChunkAsync(content[i..Math.Min(length, i + 8192)]);
            await daemon.SendProgressAsync(c, (ulong)i, (ulong)length);
        }

        await daemon.SendChunkAsync(Array.Empty<byte>());
        await call;
        Assert.Equal(content, dest.ToArray());
    }

    [Fact]
    public async Task Download_ErrorReply_NoChunksRead()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        var dest = new MemoryStream();
        Task call = g.CallAsync(Procedure.Download, new StringArgs("/missing"), 0, new CallTransfer(Download: dest), default);
        await daemon.SendErrorAsync(await daemon.ReadCallAsync(), "ENOENT", "/missing: No such file or directory");
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => call);
        Assert.Equal("ENOENT", e.Errno);
        Assert.Equal(0, dest.Length);
        await AssertUsableAsync(g, daemon);
    }

    [Fact]
    public async Task Download_DaemonCancelChunk_ThrowsAndHandleUsable()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        var dest = new MemoryStream();
        Task call = g.CallAsync(Procedure.Download, new StringArgs("/f"), 0, new CallTransfer(Download: dest), default);
        ReceivedCall c = await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(c);
        await daemon.SendChunkAsync(Data(100));
        await daemon.SendChunkAsync(Array.Empty<byte>(), cancel: 1);
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => call);
        Assert.Contains("cancelled by daemon", e.Message);
        await AssertUsableAsync(g, daemon);
    }

    [Fact]
    public async Task Download_CallerCancels_CancelFlagSentChunksDrainedHandleUsable()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        using var cts = new CancellationTokenSource();
        var dest = new MemoryStream();
        Task call = g.CallAsync(Procedure.Download, new StringArgs("/f"), 0, new CallTransfer(Download: dest), cts.Token);
        ReceivedCall c = await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(c);
        await daemon.SendChunkAsync(Data(8192));
        cts.Cancel();
        Assert.Equal(ProtocolConstants.CancelFlag, await daemon.ReadWordAsync());
        // The daemon may already have sent more chunks; the client must drain them all.
        await daemon.SendChunkAsync(Data(8192));
        await daemon.SendChunkAsync(Array.Empty<byte>(), cancel: 1);
        OperationCanceledException e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cts.Token, e.CancellationToken);
        await AssertUsableAsync(g, daemon);
    }

    [Fact]
    public async Task Download_DestinationThrows_CancelFlagSentDrainedAndExceptionRethrown()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task call = g.CallAsync(Procedure.Download, new StringArgs("/f"), 0, new CallTransfer(Download: new FailingSink()), default);
        ReceivedCall c = await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(c);
        await daemon.SendChunkAsync(Data(10));
        Assert.Equal(ProtocolConstants.CancelFlag, await daemon.ReadWordAsync());
        await daemon.SendChunkAsync(Array.Empty<byte>()); // the daemon had already finished
        IOException e = await Assert.ThrowsAsync<IOException>(() => call);
        Assert.Equal("destination failed", e.Message);
        await AssertUsableAsync(g, daemon);
    }

    [Fact]
    public async Task Download_LaunchFlagAmongChunks_IsProtocolError()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task call = g.CallAsync(Procedure.Download, new StringArgs("/f"), 0, new CallTransfer(Download: new MemoryStream()), default);
        await daemon.SendReplyAsync(await daemon.ReadCallAsync());
        await daemon.SendWordAsync(ProtocolConstants.LaunchFlag);
        await Assert.ThrowsAsync<GuestfsProtocolException>(() => call);
        Assert.Equal(GuestfsState.Config, g.State);
    }

    internal static async Task AssertUsableAsync(GuestfsHandle g, FakeDaemon daemon)
    {
        Task call = g.CallAsync(Procedure.Sync, null, 0, default, default);
        ReceivedCall c = await daemon.ReadCallAsync();
        Assert.Equal(Procedure.Sync, c.Header.Proc);
        await daemon.SendReplyAsync(c);
        await call;
        Assert.Equal(GuestfsState.Ready, g.State);
    }

    private sealed class Progress(Action report) : IProgress<GuestfsProgress>
    {
        public void Report(GuestfsProgress value) => report();
    }
}
