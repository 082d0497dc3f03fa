using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Xdr;

namespace Guestfs.Tests.Engine;

public class DaemonProtocolTests
{
    public static IEnumerable<object[]> Errnos()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Engine", "errnos.json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("errnos").EnumerateArray().Select(e => new object[] { e.GetString()! }).ToList();
    }

    [Theory]
    [MemberData(nameof(Errnos))]
    public async Task ErrorReply_EachErrno_ThrowsGuestfsExceptionWithErrnoAndHandleStaysReady(string errno)
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task call = g.CallAsync(Procedure.Mount, new StringArgs("/dev/sda1", "/"), 0, default, default);
        ReceivedCall c = await daemon.ReadCallAsync();
        await daemon.SendErrorAsync(c, errno, $"failure with {errno}");

        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => call);
        Assert.Equal(errno, e.Errno);
        Assert.Equal("mount", e.Procedure);
        Assert.Contains($"failure with {errno}", e.Message);
        Assert.Equal(GuestfsState.Ready, g.State);
    }

    [Fact]
    public async Task ErrorReply_EmptyErrno_ErrnoIsNull()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task call = g.CallAsync(Procedure.Sync, null, 0, default, default);
        await daemon.SendErrorAsync(await daemon.ReadCallAsync(), string.Empty, "no errno");
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => call);
        Assert.Null(e.Errno);
        Assert.Equal("sync: no errno", e.Message);
    }

    [Fact]
    public async Task Call_Header_HasProgramVersionSerialAndBitmask()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task first = g.CallAsync(Procedure.Mount, new StringArgs("/dev/sda1", "/"), 0, default, default);
        ReceivedCall c1 = await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(c1);
        await first;
        Task second = g.CallAsync(Procedure.Touch, new StringArgs("/x"), 0b101, default, default);
        ReceivedCall c2 = await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(c2);
        await second;

        Assert.Equal(ProtocolConstants.Program, c1.Header.Prog);
        Assert.Equal(4u, c1.Header.Vers);
        Assert.Equal(MessageDirection.Call, c1.Header.Direction);
        Assert.Equal(MessageStatus.Ok, c1.Header.Status);
        Assert.Equal(0x00123400u, c1.Header.Serial);
        Assert.Equal(0x00123401u, c2.Header.Serial);
        Assert.Equal(0UL, c1.Header.OptargsBitmask);
        Assert.Equal(0b101UL, c2.Header.OptargsBitmask);
        Assert.Equal("/dev/sda1", c1.ArgString(0));
        Assert.Equal("/", c1.ArgString(1));
    }

    [Fact]
    public async Task Reply_WithRet_DecodesValue()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<StringRet> call = g.CallAsync<StringRet>((Procedure)34, new StringArgs("/link"), 0, default, default);
        ReceivedCall c = await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(c, w => w.WriteString("target"));
        Assert.Equal("target", (await call).Value);
    }

    [Fact]
    public async Task Reply_LargerThanReadBuffer_IsReassembled()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        byte[] payload = new byte[3_000_000];
        new Random(7).NextBytes(payload);
        Task<OpaqueRet> call = g.CallAsync<OpaqueRet>((Procedure)146, new StringArgs("/big"), 0, default, default);
        ReceivedCall c = await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(c, w => w.WriteOpaque(payload));
        Assert.Equal(payload, (await call).Value);
    }

    [Fact]
    public async Task Reply_TrailingBytes_IsProtocolError()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<IntRet> call = g.CallAsync<IntRet>((Procedure)218, new StringArgs("/f"), 0, default, default);
        await daemon.SendReplyAsync(await daemon.ReadCallAsync(), w => { w.WriteInt32(1); w.WriteInt32(2); });
        await Assert.ThrowsAsync<GuestfsProtocolException>(() => call);
        Assert.Equal(GuestfsState.Config, g.State);
    }

    [Fact]
    public async Task Progress_BeforeReply_DeliveredToProgressAndEvents()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        var reported = new List<GuestfsProgress>();
        var events = new List<IReadOnlyList<ulong>>();
        g.SetEventCallback((_, _, e) => events.Add(e.Array), GuestfsEvents.Progress);
        var progress = new SyncProgress(reported.Add);
        Task call = g.CallAsync((Procedure)215, new StringArgs("/f"), 0, new CallTransfer(Progress: progress), default);
        ReceivedCall c = await daemon.ReadCallAsync();
        await daemon.SendProgressAsync(c, 10, 100);
        await daemon.SendProgressAsync(c, 5, 100, serial: 0xdead); // another call's: dropped
        await daemon.SendProgressAsync(c, 100, 100);
        await daemon.SendReplyAsync(c);
        await call;

        Assert.Equal(new[] { 10UL, 100UL }, reported.Select(p => p.Position));
        Assert.All(reported, p => Assert.Equal(c.Header.Serial, p.Serial));
        Assert.All(reported, p => Assert.Equal(215, p.Procedure));
        Assert.Equal(2, events.Count);
        Assert.Equal(new ulong[] { 215, c.Header.Serial, 10, 100 }, events[0]);
    }

    [Fact]
    public async Task StrayCancelFlag_WhileWaitingForReply_IsSkipped()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task call = g.CallAsync(Procedure.Sync, null, 0, default, default);
        ReceivedCall c = await daemon.ReadCallAsync();
        await daemon.SendWordAsync(ProtocolConstants.CancelFlag);
        await daemon.SendReplyAsync(c);
        await call;
        Assert.Equal(GuestfsState.Ready, g.State);
    }

    [Theory]
    [InlineData(0x00400001u)] // one above GUESTFS_MESSAGE_MAX
    [InlineData(0xDEADBEEFu)] // garbage
    [InlineData(0xFFFFFFFFu)]
    public async Task LengthWord_AboveMessageMax_RejectedBeforeReadingBody(uint word)
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task call = g.CallAsync(Procedure.Sync, null, 0, default, default);
        await daemon.ReadCallAsync();
        await daemon.SendWordAsync(word); // and no body: the client must not wait for one
        GuestfsProtocolException e = await Assert.ThrowsAsync<GuestfsProtocolException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains("above the maximum", e.Message);
        Assert.Equal(GuestfsState.Config, g.State);
    }

    [Fact]
    public async Task LaunchFlag_WhileWaitingForReply_IsProtocolError()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task call = g.CallAsync(Procedure.Sync, null, 0, default, default);
        await daemon.ReadCallAsync();
        await daemon.SendWordAsync(ProtocolConstants.LaunchFlag);
        await Assert.ThrowsAsync<GuestfsProtocolException>(() => call);
    }

    [Fact]
    public async Task Reply_ShortGarbageBody_IsProtocolError()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task call = g.CallAsync(Procedure.Sync, null, 0, default, default);
        await daemon.ReadCallAsync();
        await daemon.SendMessageAsync(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        GuestfsProtocolException e = await Assert.ThrowsAsync<GuestfsProtocolException>(() => call);
        Assert.Contains("malformed reply header", e.Message);
    }

    public static IEnumerable<object[]> BadHeaders() => new[]
    {
        new object[] { "serial", 1u, 0, ProtocolConstants.Program, 1 },
        new object[] { "procedure", 0u, 1, ProtocolConstants.Program, 1 },
        new object[] { "program", 0u, 0, 0x12345678u, 1 },
        new object[] { "direction", 0u, 0, ProtocolConstants.Program, 0 },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task Reply_MismatchedHeader_ProtocolErrorAndConfigState(string what, uint serialDelta, int procDelta, uint prog, int direction)
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task call = g.CallAsync(Procedure.Touch, new StringArgs("/x"), 0, default, default);
        ReceivedCall c = await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(c.Header.Proc + procDelta, c.Header.Serial + serialDelta, null, prog, (MessageDirection)direction);
        GuestfsProtocolException e = await Assert.ThrowsAsync<GuestfsProtocolException>(() => call);
        Assert.Contains(what, e.Message);
        Assert.Equal("touch", e.Procedure);
        Assert.Equal(GuestfsState.Config, g.State);
        InvalidOperationException later = await Assert.ThrowsAsync<InvalidOperationException>(() => g.CallAsync(Procedure.Sync, null, 0, default, default));
        Assert.Contains("CONFIG", later.Message);
    }

    [Fact]
    public async Task DaemonClosesMidMessage_ConnectionExceptionThenRelaunchWorks()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task call = g.CallAsync(Procedure.Touch, new StringArgs("/x"), 0, default, default);
        ReceivedCall c = await daemon.ReadCallAsync();
        await daemon.SendRawAsync(new byte[] { 0, 0, 0, 40, 0x20, 0x00 }); // length 40, then 2 bytes of the body
        daemon.CloseConnection();

        GuestfsConnectionException e = await Assert.ThrowsAsync<GuestfsConnectionException>(() => call);
        Assert.Contains("waiting for the reply", e.Message);
        Assert.Equal(GuestfsState.Config, g.State);

        // Later calls fail fast, naming the state and the reason.
        InvalidOperationException fast = await Assert.ThrowsAsync<InvalidOperationException>(() => g.CallAsync(Procedure.Sync, null, 0, default, default));
        Assert.Contains("CONFIG", fast.Message);
        Assert.Contains("went away", fast.Message);

        // A new launch works and serials restart.
        Task relaunch = g.LaunchAsync();
        await daemon.AcceptAsync();
        await daemon.SendWordAsync(ProtocolConstants.LaunchFlag);
        await relaunch;
        Task again = g.CallAsync(Procedure.Sync, null, 0, default, default);
        ReceivedCall c2 = await daemon.ReadCallAsync();
        Assert.Equal(GuestfsConnection.FirstSerial, c2.Header.Serial);
        await daemon.SendReplyAsync(c2);
        await again;
        Assert.Equal(GuestfsState.Ready, g.State);
    }

    [Fact]
    public async Task Launch_MessageInsteadOfLaunchFlag_FailsAndReturnsToConfig()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        var g = new GuestfsHandle(daemon.Options());
        await using (g)
        {
            Task launch = g.LaunchAsync();
            await daemon.AcceptAsync();
            await daemon.SendMessageAsync(new byte[8]);
            GuestfsLaunchException e = await Assert.ThrowsAsync<GuestfsLaunchException>(() => launch);
            Assert.Contains("expected the launch flag", e.Message);
            Assert.Equal(GuestfsState.Config, g.State);
        }
    }

    [Fact]
    public async Task Launch_ProgressBeforeLaunchFlag_IsDropped()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using var g = new GuestfsHandle(daemon.Options());
        await g.SetAutosyncAsync(false);
        Task launch = g.LaunchAsync();
        await daemon.AcceptAsync();
        var w = new byte[28];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(w, ProtocolConstants.ProgressFlag);
        await daemon.SendRawAsync(w);
        await daemon.SendWordAsync(ProtocolConstants.LaunchFlag);
        await launch;
        Assert.Equal(GuestfsState.Ready, g.State);
    }

    [Fact]
    public async Task Call_ArgsAboveMessageMax_FailsBeforeSendingAndHandleStaysReady()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        string huge = new('x', ProtocolConstants.MessageMax);
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => g.CallAsync(Procedure.Touch, new StringArgs(huge), 0, default, default));
        Assert.Contains("too large", e.Message);
        Assert.True(await daemon.IsSilentAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(GuestfsState.Ready, g.State);
    }

    private sealed class SyncProgress(Action<GuestfsProgress> report) : IProgress<GuestfsProgress>
    {
        public void Report(GuestfsProgress value) => report(value);
    }
}
