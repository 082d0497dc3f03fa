using System;
using System.Threading.Tasks;
using CsCheck;
using Guestfs.Protocol;

namespace Guestfs.Tests.Engine;

public class GarbageInputTests
{
    [Fact]
    public async Task RandomBytesInsteadOfReply_AlwaysGuestfsFailureAndNeverHang()
    {
        await Gen.Byte.Array[0, 120].SampleAsync(async garbage =>
        {
            await using FakeDaemon daemon = FakeDaemon.Start();
            await using GuestfsHandle g = await daemon.LaunchHandleAsync();
            Task call = g.CallAsync(Procedure.Sync, null, 0, default, default);
            await daemon.ReadCallAsync();
            await daemon.SendRawAsync(garbage);
            daemon.CloseConnection();
            Exception? e = await Record.ExceptionAsync(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
            // Garbage either breaks the protocol or ends the stream; a well-formed but wrong reply is a protocol error too.
            Assert.True(e is GuestfsProtocolException or GuestfsConnectionException, $"{e?.GetType().Name}: {e?.Message} for {Convert.ToHexString(garbage)}");
            Assert.Equal(GuestfsState.Config, g.State);
        }, iter: 60, threads: 1);
    }

    [Fact]
    public async Task ManyHandles_CallsInFlightAtOnce_AreIndependent()
    {
        await using FakeDaemon d1 = FakeDaemon.Start();
        await using FakeDaemon d2 = FakeDaemon.Start();
        await using GuestfsHandle g1 = await d1.LaunchHandleAsync();
        await using GuestfsHandle g2 = await d2.LaunchHandleAsync();
        Task<StringRet> c1 = g1.CallAsync<StringRet>((Procedure)34, new StringArgs("/one"), 0, default, default);
        Task<StringRet> c2 = g2.CallAsync<StringRet>((Procedure)34, new StringArgs("/two"), 0, default, default);
        ReceivedCall r2 = await d2.ReadCallAsync();
        ReceivedCall r1 = await d1.ReadCallAsync();
        Assert.Equal(GuestfsState.Busy, g1.State);
        Assert.Equal(GuestfsState.Busy, g2.State);
        await d2.SendReplyAsync(r2, w => w.WriteString("second"));
        Assert.Equal("second", (await c2).Value);
        Assert.False(c1.IsCompleted);
        await d1.SendReplyAsync(r1, w => w.WriteString("first"));
        Assert.Equal("first", (await c1).Value);
    }
}
