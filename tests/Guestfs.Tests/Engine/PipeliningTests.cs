using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;

namespace Guestfs.Tests.Engine;

/// <summary>Concurrent calls on one handle: sent without waiting for earlier replies, each matched to its own.</summary>
public sealed class PipeliningTests
{
    private static readonly TimeSpan s_quiet = TimeSpan.FromMilliseconds(200);

    private static Task<StringRet> Echo(GuestfsHandle g, string arg, CancellationToken token = default) =>
        Task.Run(() => g.CallAsync<StringRet>((Procedure)34, new StringArgs(arg), 0, default, token));

    [Fact]
    public async Task ConcurrentCalls_AllSentBeforeAnyReply_EachGetsItsOwnReply()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<StringRet>[] calls = Enumerable.Range(0, 5).Select(i => Echo(g, "/p" + i)).ToArray();

        // Every call arrives while none has been answered: the handle did not wait for replies to send.
        ReceivedCall[] received = new ReceivedCall[calls.Length];
        for (int i = 0; i < calls.Length; i++)
        {
            received[i] = await daemon.ReadCallAsync();
        }

        Assert.Equal(GuestfsState.Busy, g.State);
        Assert.Equal(calls.Length, received.Select(c => c.Header.Serial).Distinct().Count());
        Assert.True(received.Zip(received.Skip(1)).All(p => p.Second.Header.Serial == p.First.Header.Serial + 1));
        foreach (ReceivedCall c in received)
        {
            string arg = c.ArgString();
            await daemon.SendReplyAsync(c, w => w.WriteString("reply " + arg));
        }

        for (int i = 0; i < calls.Length; i++)
        {
            // Callers may be sent in any order, but each gets the reply to its own call (its own argument back).
            Assert.Equal("reply /p" + i, (await calls[i].WaitAsync(TimeSpan.FromSeconds(10))).Value);
        }

        Assert.Equal(calls.Length, calls.Select(c => c.Result.Value).Distinct().Count());
        Assert.Equal(GuestfsState.Ready, g.State);
    }

    [Fact]
    public async Task DaemonErrorInThePipeline_FailsOnlyThatCall()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<StringRet> first = Echo(g, "/a");
        ReceivedCall c1 = await daemon.ReadCallAsync();
        Task<StringRet> second = Echo(g, "/b");
        ReceivedCall c2 = await daemon.ReadCallAsync();
        Task<StringRet> third = Echo(g, "/c");
        ReceivedCall c3 = await daemon.ReadCallAsync();

        await daemon.SendReplyAsync(c1, w => w.WriteString("one"));
        await daemon.SendErrorAsync(c2, "ENOENT", "no such file");
        await daemon.SendReplyAsync(c3, w => w.WriteString("three"));

        Assert.Equal("one", (await first.WaitAsync(TimeSpan.FromSeconds(10))).Value);
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => second.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("no such file", e.Message);
        Assert.Equal("three", (await third.WaitAsync(TimeSpan.FromSeconds(10))).Value);
        Assert.Equal(GuestfsState.Ready, g.State);
    }

    [Fact]
    public async Task CancelledInTheMiddleOfAPipeline_CallThrowsItsToken_LaterCallsFail_HandleBackToConfig()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        using var cts = new CancellationTokenSource();
        Task<StringRet> first = Echo(g, "/a");
        ReceivedCall c1 = await daemon.ReadCallAsync();
        Task<StringRet> second = Echo(g, "/b", cts.Token);
        await daemon.ReadCallAsync();
        Task<StringRet> third = Echo(g, "/c");
        await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(c1, w => w.WriteString("one"));
        Assert.Equal("one", (await first.WaitAsync(TimeSpan.FromSeconds(10))).Value);

        // The second call is in the daemon: as for a single call, the protocol cannot withdraw it.
        cts.Cancel();
        OperationCanceledException oce = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(cts.Token, oce.CancellationToken);
        await Assert.ThrowsAsync<GuestfsConnectionException>(() => third.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(GuestfsState.Config, g.State);
    }

    [Fact]
    public async Task TransferAfterPipelinedCalls_WaitsForTheirReplies_ThenHoldsTheChannel()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<StringRet> first = Echo(g, "/a");
        ReceivedCall c1 = await daemon.ReadCallAsync();
        Task<StringRet> second = Echo(g, "/b");
        ReceivedCall c2 = await daemon.ReadCallAsync();
        byte[] content = [1, 2, 3, 4, 5];
        Task upload = Task.Run(() => g.CallAsync(Procedure.Upload, new StringArgs("/f"), 0, new CallTransfer(Upload: new MemoryStream(content)), default));

        // Nothing of the upload goes out while earlier calls wait for their replies.
        Assert.True(await daemon.IsSilentAsync(s_quiet));
        await daemon.SendReplyAsync(c1, w => w.WriteString("one"));
        Assert.True(await daemon.IsSilentAsync(s_quiet));
        await daemon.SendReplyAsync(c2, w => w.WriteString("two"));

        ReceivedCall u = await daemon.ReadCallAsync();
        Assert.Equal(Procedure.Upload, u.Header.Proc);
        Task<StringRet> after = Echo(g, "/after");
        (int cancel, byte[] data) = await daemon.ReadChunkAsync();
        Assert.Equal(0, cancel);
        Assert.Equal(content, data);
        Assert.Empty((await daemon.ReadChunkAsync()).Data);

        // The call made during the upload is sent only when the upload has its reply.
        Assert.True(await daemon.IsSilentAsync(s_quiet));
        await daemon.SendReplyAsync(u);
        await upload.WaitAsync(TimeSpan.FromSeconds(10));
        ReceivedCall c3 = await daemon.ReadCallAsync();
        Assert.Equal("/after", c3.ArgString());
        await daemon.SendReplyAsync(c3, w => w.WriteString("three"));
        Assert.Equal("three", (await after.WaitAsync(TimeSpan.FromSeconds(10))).Value);
        Assert.Equal(["one", "two"], new[] { (await first).Value, (await second).Value });
    }

    [Fact]
    public async Task TransferCancelledWhileWaitingForEarlierReplies_SendsNothing_HandleStaysReady()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<StringRet> first = Echo(g, "/a");
        ReceivedCall c1 = await daemon.ReadCallAsync();
        using var cts = new CancellationTokenSource();
        Task upload = Task.Run(() => g.CallAsync(Procedure.Upload, new StringArgs("/f"), 0, new CallTransfer(Upload: new MemoryStream(new byte[10])), cts.Token));
        Assert.True(await daemon.IsSilentAsync(s_quiet));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await daemon.IsSilentAsync(s_quiet));
        await daemon.SendReplyAsync(c1, w => w.WriteString("one"));
        Assert.Equal("one", (await first.WaitAsync(TimeSpan.FromSeconds(10))).Value);
        Assert.Equal(GuestfsState.Ready, g.State);
    }

    [Fact]
    public async Task ProgressDuringAPipelinedCall_GoesToTheCallTheDaemonIsRunning()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        var firstProgress = new ListProgress();
        var secondProgress = new ListProgress();
        Task first = Task.Run(() => g.CallAsync(Procedure.Sync, null, 0, new CallTransfer(Progress: firstProgress), default));
        ReceivedCall c1 = await daemon.ReadCallAsync();
        Task second = Task.Run(() => g.CallAsync(Procedure.Sync, null, 0, new CallTransfer(Progress: secondProgress), default));
        ReceivedCall c2 = await daemon.ReadCallAsync();
        await daemon.SendProgressAsync(c1, 1, 2);
        await daemon.SendReplyAsync(c1);
        await daemon.SendProgressAsync(c2, 5, 6);
        await daemon.SendReplyAsync(c2);
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([c1.Header.Serial], firstProgress.Items.Select(p => p.Serial));
        Assert.Equal([c2.Header.Serial], secondProgress.Items.Select(p => p.Serial));
    }

    private sealed class ListProgress : IProgress<GuestfsProgress>
    {
        public System.Collections.Concurrent.ConcurrentQueue<GuestfsProgress> Items { get; } = new();

        public void Report(GuestfsProgress value) => Items.Enqueue(value);
    }
}
