using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.IntegrationTests;

/// <summary>Concurrent calls on one handle against the stock guestfsd: pipelined, each answered in its turn.</summary>
public class StockDaemonPipeliningTests
{
    [Fact]
    public async Task SixteenTasks_OnOneHandle_EveryCallGetsItsOwnAnswer_DaemonErrorsFailOnlyTheirCall()
    {
        await using GuestfsdHost host = await GuestfsdHost.StartAsync(sizeMb: 16);
        await using GuestfsHandle g = await host.LaunchAsync();
        await g.UmaskAsync(0x12);

        // umask returns the mask before the call: each task sets its own and reads it back with the next call, so a
        // reply delivered to the wrong call shows as a wrong mask. Without a mounted root, exists("/") is a daemon
        // error, which must fail that call only.
        int errors = 0;
        Task[] tasks = Enumerable.Range(0, 16).Select(t => Task.Run(async () =>
        {
            for (int i = 0; i < 25; i++)
            {
                if (i % 5 == 4)
                {
                    GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => g.ExistsAsync("/"));
                    Assert.Equal("exists", e.Procedure);
                    Interlocked.Increment(ref errors);
                    continue;
                }

                await g.UmaskAsync(0x12);
            }
        })).ToArray();
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(16 * 5, errors);
        Assert.Equal(0x12, await g.UmaskAsync(0x12));
        Assert.Equal(GuestfsState.Ready, g.State);
        Assert.Equal(0x12, await g.UmaskAsync(0x3f));
        Assert.Equal(0x3f, await g.UmaskAsync(0x12));
    }

    [Fact]
    public async Task CancelledInTheMiddleOfAPipeline_ThatCallThrowsItsToken_HandleBackToConfig()
    {
        await using GuestfsdHost host = await GuestfsdHost.StartAsync(sizeMb: 16);
        await using GuestfsHandle g = await host.LaunchAsync();
        using var cts = new CancellationTokenSource();

        // A slow call first (the daemon sleeps), then calls queued behind it in the daemon; one is cancelled there.
        Task slow = g.SleepAsync(2);
        Task<int>[] before = Enumerable.Range(0, 4).Select(_ => g.UmaskAsync(0x12)).ToArray();
        Task<int> cancelled = g.UmaskAsync(0x12, cts.Token);
        Task<int>[] after = Enumerable.Range(0, 4).Select(_ => g.UmaskAsync(0x12)).ToArray();
        Assert.Equal(GuestfsState.Busy, g.State);
        cts.Cancel();

        OperationCanceledException oce = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(cts.Token, oce.CancellationToken);
        foreach (Task t in after.Cast<Task>().Append(slow).Concat(before))
        {
            // The protocol cannot withdraw a call: the appliance is killed, as for a single cancelled call.
            await Assert.ThrowsAsync<GuestfsConnectionException>(() => t.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(GuestfsState.Config, g.State);
    }
}
