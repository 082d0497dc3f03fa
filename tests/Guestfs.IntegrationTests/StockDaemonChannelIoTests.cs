using System;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.IntegrationTests;

/// <summary>
/// The channel's I/O stays off the runtime's socket engine: a reply wakes only the connection's own thread, even after
/// an upload that filled the socket (a write that has to wait must not register the socket with the engine, which
/// would then wake itself and a thread-pool worker on every later reply).
/// </summary>
public class StockDaemonChannelIoTests
{
    [Fact]
    public async Task SmallCalls_AfterAnUploadThatFilledTheSocket_QueueNoThreadPoolWorkPerReply()
    {
        await using GuestfsdHost host = await GuestfsdHost.StartAsync(sizeMb: 64);
        await using GuestfsHandle g = await host.LaunchAsync();
        const int calls = 400;

        // Task.Run: no synchronization context, so the test's own continuations run where the replies complete.
        long queued = await Task.Run(async () =>
        {
            // 48 MiB onto the raw device while the daemon reads nothing for a while: the socket fills, and the writer
            // has to wait for it to drain.
            host.PauseDaemon();
            Task upload;
            try
            {
                upload = g.UploadAsync(new FilledSource(48L << 20, 0x5a), "/dev/sda");
                await Task.Delay(500);
                Assert.False(upload.IsCompleted);
            }
            finally
            {
                host.ResumeDaemon();
            }

            await upload;
            await g.UmaskAsync(0x12);   // warm-up
            long before = ThreadPool.CompletedWorkItemCount;
            for (int i = 0; i < calls; i++)
            {
                await g.UmaskAsync(0x12);
            }

            return ThreadPool.CompletedWorkItemCount - before;
        });

        Assert.True(queued < calls / 4, $"{calls} sequential calls ran {queued} thread-pool work items: replies reach the caller through the thread pool");
        Assert.Equal(new byte[] { 0x5a, 0x5a }, await g.PreadDeviceAsync("/dev/sda", 2, (48L << 20) - 2));
    }
}
