using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Tests.Engine;

namespace Guestfs.Tests.Hardening;

/// <summary>Runs alone: it counts the process's open file descriptors.</summary>
[CollectionDefinition(nameof(FaultTestsCollection), DisableParallelization = true)]
public class FaultTestsCollection
{
}

/// <summary>
/// Faults against the scripted daemon: the peer closes at every byte offset of a reply, dies during a call,
/// an upload, a download and between calls. Each ends in a clear error and CONFIG, a new launch works, and no
/// socket is left open.
/// </summary>
[Collection(nameof(FaultTestsCollection))]
public class FaultTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Entries()
    {
        var data = new TheoryData<string>();
        foreach (ReplyCase c in ReplyCorpus.All)
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public async Task PeerClosesAtEveryOffset_InMemory_ConnectionExceptionAndBroken(string name)
    {
        ReplyCase c = ReplyCorpus.All.Single(e => e.Name == name);
        int step = c.Bytes.Length > 2000 ? 97 : 1; // every offset of small replies, a spread through large ones
        for (int offset = 0; offset < c.Bytes.Length; offset += step)
        {
            RunResult r = await ReceivePathFuzzTests.RunBounded(c, c.Bytes[..offset], null);
            GuestfsConnectionException e = Assert.IsType<GuestfsConnectionException>(r.Failure);
            Assert.Contains("connection to the appliance was lost", e.Message);
            Assert.True(r.Broken);
        }
    }

    [Theory]
    [InlineData("ok-string-list")]
    [InlineData("progress-then-ok")]
    [InlineData("error-enoent")]
    [InlineData("small-download")]
    public async Task PeerClosesAtEveryOffset_FakeDaemon_ConfigThenRelaunchAndCallWork(string name)
    {
        ReplyCase c = name == "small-download" ? SmallDownload() : ReplyCorpus.All.Single(e => e.Name == name);
        int fdsBefore = -1;
        await using (FakeDaemon daemon = FakeDaemon.Start())
        {
            await using var g = new GuestfsHandle(daemon.Options());
            await g.SetAutosyncAsync(false);
            for (int offset = 0; offset < c.Bytes.Length; offset++)
            {
                // Every cut is made in the first call of a fresh launch, whose serial the corpus reply carries.
                await RelaunchAsync(g, daemon);
                Task call = CallAsync(g, c);
                await daemon.ReadCallAsync();
                await daemon.SendRawAsync(c.Bytes[..offset]);
                daemon.CloseConnection();
                GuestfsConnectionException e = await Assert.ThrowsAsync<GuestfsConnectionException>(() => call.WaitAsync(s_limit));
                Assert.Contains("LaunchAsync", e.Message);
                Assert.Equal(GuestfsState.Config, g.State);

                // A new launch works, and its first call gets the whole reply.
                await RelaunchAsync(g, daemon);
                Task again = CallAsync(g, c);
                await daemon.ReadCallAsync();
                await daemon.SendRawAsync(c.Bytes);
                Exception? outcome = await Record.ExceptionAsync(() => again.WaitAsync(s_limit));
                Assert.True(outcome is null || outcome.GetType() == typeof(GuestfsException), outcome?.ToString());
                Assert.Equal(GuestfsState.Ready, g.State);
                await g.ShutdownAsync();
                daemon.CloseConnection();
                if (offset == 0)
                {
                    fdsBefore = OpenDescriptors(); // after the runtime's lazily created descriptors exist
                }
            }
        }

        // Dozens of launches and faults later, no socket is left open.
        Assert.InRange(OpenDescriptors(), 0, fdsBefore + 4);
    }

    [Theory]
    [InlineData("call")]
    [InlineData("upload")]
    [InlineData("download")]
    [InlineData("between-calls")]
    public async Task DaemonDies_ClearErrorConfigAndRelaunchWorks(string when)
    {
        int fdsBefore = OpenDescriptors();
        await using (FakeDaemon daemon = FakeDaemon.Start())
        {
            await using GuestfsHandle g = await daemon.LaunchHandleAsync();
            Exception e;
            switch (when)
            {
                case "call":
                {
                    Task call = g.CallAsync(Procedure.Sync, null, 0, default, default);
                    await daemon.ReadCallAsync();
                    daemon.CloseConnection();
                    e = await Assert.ThrowsAsync<GuestfsConnectionException>(() => call.WaitAsync(s_limit));
                    Assert.Contains("waiting for the reply", e.Message);
                    break;
                }

                case "upload":
                {
                    var source = new MemoryStream(new byte[8 * 1024 * 1024]);
                    Task call = g.CallAsync(Procedure.Upload, new StringArgs("/f"), 0, new CallTransfer(Upload: source), default);
                    await daemon.ReadCallAsync();
                    await daemon.ReadChunkAsync();
                    daemon.CloseConnection();
                    e = await Assert.ThrowsAsync<GuestfsConnectionException>(() => call.WaitAsync(s_limit));
                    Assert.Contains("connection to the appliance was lost", e.Message);
                    break;
                }

                case "download":
                {
                    var destination = new MemoryStream();
                    Task call = g.CallAsync(Procedure.Download, new StringArgs("/f"), 0, new CallTransfer(Download: destination), default);
                    ReceivedCall c = await daemon.ReadCallAsync();
                    await daemon.SendReplyAsync(c);
                    await daemon.SendChunkAsync(new byte[100]);
                    daemon.CloseConnection();
                    e = await Assert.ThrowsAsync<GuestfsConnectionException>(() => call.WaitAsync(s_limit));
                    Assert.Contains("downloading the file", e.Message);
                    break;
                }

                default:
                {
                    Task first = g.CallAsync(Procedure.Sync, null, 0, default, default);
                    await daemon.SendReplyAsync(await daemon.ReadCallAsync());
                    await first;
                    daemon.CloseConnection();

                    // Nothing watches an idle unix-socket daemon, so the next call finds out (the qemu backend sees the process exit).
                    e = await Assert.ThrowsAsync<GuestfsConnectionException>(() => g.CallAsync(Procedure.Sync, null, 0, default, default).WaitAsync(s_limit));
                    Assert.Contains("LaunchAsync", e.Message);
                    break;
                }
            }

            Assert.Equal(GuestfsState.Config, g.State);
            await RelaunchAsync(g, daemon);
            Task<StringRet> next = g.CallAsync<StringRet>((Procedure)34, new StringArgs("/x"), 0, default, default);
            await daemon.SendReplyAsync(await daemon.ReadCallAsync(), w => w.WriteString("fine"));
            Assert.Equal("fine", (await next).Value);
        }

        Assert.InRange(OpenDescriptors(), 0, fdsBefore + 4);
    }

    [Fact]
    public async Task UploadCancelledAtBothEndsAtOnce_OneCancellationWinsAndHandleStaysInStep()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        using var cts = new CancellationTokenSource();
        var source = new FilledSource(32 * 8192, 9, TimeSpan.FromMilliseconds(20));
        Task call = g.CallAsync(Procedure.Upload, new StringArgs("/f"), 0, new CallTransfer(Upload: source), cts.Token);
        ReceivedCall c = await daemon.ReadCallAsync();
        await daemon.ReadChunkAsync();

        // Both sides cancel: the daemon sends its flag while the caller's token fires.
        Task flag = daemon.SendWordAsync(ProtocolConstants.CancelFlag);
        cts.Cancel();
        await flag;
        int cancel;
        byte[] data;
        do
        {
            (cancel, data) = await daemon.ReadChunkAsync();
        }
        while (cancel == 0 && data.Length > 0);
        Assert.Equal(1, cancel);
        await daemon.SendErrorAsync(c, "EINTR", "cancelled");

        Exception e = await Assert.ThrowsAnyAsync<Exception>(() => call.WaitAsync(s_limit));
        Assert.True(e is OperationCanceledException or GuestfsException { Errno: "EINTR" }, e.ToString());
        Assert.Equal(GuestfsState.Ready, g.State);
        await AssertInStepAsync(g, daemon);
    }

    [Fact]
    public async Task DownloadCancelledAtBothEndsAtOnce_CancelledAndHandleStaysInStep()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        using var cts = new CancellationTokenSource();
        var destination = new CountingStream(8192, cts.Cancel); // the library cancels after the first chunk
        Task call = g.CallAsync(Procedure.Download, new StringArgs("/f"), 0, new CallTransfer(Download: destination), cts.Token);
        ReceivedCall c = await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(c);
        await daemon.SendChunkAsync(new byte[8192]);
        await daemon.SendChunkAsync([], cancel: 1); // the daemon cancels too, before it has seen our flag
        Assert.Equal(ProtocolConstants.CancelFlag, await daemon.ReadWordAsync());

        OperationCanceledException e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_limit));
        Assert.Equal(cts.Token, e.CancellationToken);
        Assert.Equal(GuestfsState.Ready, g.State);
        await AssertInStepAsync(g, daemon);
    }

    [Fact]
    public async Task Upload_SourceThrowsButDaemonRepliesOk_StillReportedNeverSilentlyTruncated()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        var source = new FilledSource(3 * 8192, 3, failAtEnd: true);
        Task call = g.CallAsync(Procedure.Upload, new StringArgs("/f"), 0, new CallTransfer(Upload: source), default);
        ReceivedCall c = await daemon.ReadCallAsync();
        var chunks = new List<(int Cancel, int Length)>();
        while (true)
        {
            (int cancel, byte[] data) = await daemon.ReadChunkAsync();
            chunks.Add((cancel, data.Length));
            if (cancel != 0 || data.Length == 0)
            {
                break;
            }
        }

        await daemon.SendReplyAsync(c); // a daemon that claims success anyway
        IOException e = await Assert.ThrowsAsync<IOException>(() => call.WaitAsync(s_limit));
        Assert.Equal("source failed", e.Message);
        Assert.Equal((1, 0), chunks[^1]); // the wire says "cancelled", never a short file ending in an end chunk
        Assert.DoesNotContain((0, 0), chunks);
        await AssertInStepAsync(g, daemon);
    }

    [Fact]
    public async Task ManyTasksOnOneHandle_SerialisedEachGetsItsOwnReply()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        const int count = 64;
        Task<StringRet>[] calls = Enumerable.Range(0, count)
            .Select(i => Task.Run(() => g.CallAsync<StringRet>((Procedure)34, new StringArgs("/p" + i), 0, default, default)))
            .ToArray();
        var serials = new HashSet<uint>();
        for (int i = 0; i < count; i++)
        {
            ReceivedCall c = await daemon.ReadCallAsync();
            Assert.True(serials.Add(c.Header.Serial));
            await daemon.SendReplyAsync(c, w => w.WriteString("reply " + c.ArgString()));
        }

        StringRet[] results = await Task.WhenAll(calls).WaitAsync(s_limit);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal("reply /p" + i, results[i].Value);
        }
    }

    [Fact]
    public async Task ManyHandlesInParallel_EachCallGetsItsOwnReply()
    {
        const int handles = 12;
        const int callsEach = 15;
        await Task.WhenAll(Enumerable.Range(0, handles).Select(h => Task.Run(async () =>
        {
            await using FakeDaemon daemon = FakeDaemon.Start();
            await using GuestfsHandle g = await daemon.LaunchHandleAsync();
            for (int i = 0; i < callsEach; i++)
            {
                string path = $"/h{h}/c{i}";
                Task<StringRet> call = g.CallAsync<StringRet>((Procedure)34, new StringArgs(path), 0, default, default);
                ReceivedCall c = await daemon.ReadCallAsync();
                await daemon.SendReplyAsync(c, w => w.WriteString("=" + c.ArgString()));
                Assert.Equal("=" + path, (await call).Value);
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task DisposeWhileCallInFlight_CallFailsHandleClosedNoHang()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task call = g.CallAsync(Procedure.Sync, null, 0, default, default);
        await daemon.ReadCallAsync();
        await g.DisposeAsync().AsTask().WaitAsync(s_limit);
        Exception e = await Assert.ThrowsAnyAsync<Exception>(() => call.WaitAsync(s_limit));
        Assert.True(e is GuestfsConnectionException or ObjectDisposedException, e.ToString());
        Assert.Equal(GuestfsState.Closed, g.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => g.CallAsync(Procedure.Sync, null, 0, default, default));
    }

    [Fact]
    public async Task Launch_DaemonNeverSendsFlag_TokenEndsLaunchAndConfigThenRelaunchWorks()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using var g = new GuestfsHandle(daemon.Options());
        await g.SetAutosyncAsync(false);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        Task launch = g.LaunchAsync(cts.Token);
        await daemon.AcceptAsync();
        await daemon.SendRawAsync(new byte[] { 0xF5, 0xF5 }); // half a launch flag, then nothing
        await Assert.ThrowsAnyAsync<Exception>(() => launch.WaitAsync(s_limit));
        Assert.Equal(GuestfsState.Config, g.State);
        await RelaunchAsync(g, daemon);
        Assert.Equal(GuestfsState.Ready, g.State);
    }

    private static async Task AssertInStepAsync(GuestfsHandle g, FakeDaemon daemon)
    {
        Task<StringRet> next = g.CallAsync<StringRet>((Procedure)34, new StringArgs("/next"), 0, default, default);
        uint word = await daemon.ReadWordAsync();
        if (word == ProtocolConstants.CancelFlag)
        {
            word = await daemon.ReadWordAsync(); // a stray cancel flag between calls, which guestfsd ignores
        }

        Assert.InRange(word, 40u, 200u);
        await daemon.ReadMessageBodyAsync((int)word);
        await daemon.SendReplyAsync((Procedure)34, GuestfsConnection.FirstSerial + 1, w => w.WriteString("in step"));
        Assert.Equal("in step", (await next.WaitAsync(s_limit)).Value);
        Assert.Equal(GuestfsState.Ready, g.State);
    }

    private static ReplyCase SmallDownload() => new(
        "small-download",
        Procedure.Download,
        ReplyShape.Download,
        ReplyCorpus.Concat(
            ReplyCorpus.Frame(ReplyCorpus.Reply(Procedure.Download)),
            ReplyCorpus.Frame(ReplyCorpus.Chunk(0, [1, 2, 3, 4, 5, 6, 7])),
            ReplyCorpus.Frame(ReplyCorpus.Chunk(0, []))));

    private static Task CallAsync(GuestfsHandle g, ReplyCase c) => c.Shape switch
    {
        ReplyShape.Int => g.CallAsync<IntRet>(c.Procedure, null, 0, default, default),
        ReplyShape.StringList => g.CallAsync<StringListRet>(c.Procedure, null, 0, default, default),
        ReplyShape.Download => g.CallAsync(c.Procedure, new StringArgs("/f"), 0, new CallTransfer(Download: new MemoryStream()), default),
        _ => g.CallAsync(c.Procedure, null, 0, default, default),
    };

    private static async Task RelaunchAsync(GuestfsHandle g, FakeDaemon daemon)
    {
        Task launch = g.LaunchAsync();
        await daemon.AcceptAsync();
        await daemon.SendWordAsync(ProtocolConstants.LaunchFlag);
        await launch.WaitAsync(s_limit);
    }

    private static int OpenDescriptors() => Directory.Exists("/proc/self/fd") ? Directory.GetFiles("/proc/self/fd").Length : 0;
}
