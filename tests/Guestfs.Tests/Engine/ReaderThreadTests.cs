using System;
using System.Threading.Tasks;
using Guestfs.Protocol;

namespace Guestfs.Tests.Engine;

/// <summary>The connection's reader thread runs callers' continuations; a caller that blocks it must not hang.</summary>
public sealed class ReaderThreadTests
{
    [Fact]
    public async Task BlockingOnAnotherCall_InTheContinuationOfACall_TheReplyIsStillRead()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<string> run = Task.Run(async () =>
        {
            // No synchronization context here: the code after this await runs on the reader thread...
            StringRet first = await g.CallAsync<StringRet>((Procedure)34, new StringArgs("/a"), 0, default, default);

            // ...and blocks it waiting for another call, whose reply only a reader can deliver (sync-over-async).
            StringRet second = g.CallAsync<StringRet>((Procedure)34, new StringArgs("/b"), 0, default, default).GetAwaiter().GetResult();
            return first.Value + second.Value;
        });
        ReceivedCall c1 = await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(c1, w => w.WriteString("1"));
        ReceivedCall c2 = await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(c2, w => w.WriteString("2"));
        Assert.Equal("12", await run.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
