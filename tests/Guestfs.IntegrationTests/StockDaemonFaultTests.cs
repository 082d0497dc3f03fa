using System;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.IntegrationTests;

/// <summary>
/// Faults against the stock guestfsd (a daemon per test): killed during an upload and during a download,
/// an upload the daemon cancels, and errno names round-tripping from the daemon.
/// </summary>
public class StockDaemonFaultTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("upload")]
    [InlineData("download")]
    public async Task DaemonKilledDuringTransfer_ConnectionExceptionConfigThenRelaunchWorks(string direction)
    {
        await using GuestfsdHost host = await GuestfsdHost.StartAsync(sizeMb: 128);
        await using GuestfsHandle g = await host.LaunchAsync();
        await MountScratchAsync(g);
        Task transfer;
        Func<long> progressed;
        if (direction == "upload")
        {
            var source = new GeneratedStream(80L << 20, seed: 11, seekable: false);
            transfer = g.UploadAsync(source, "/killed.bin");
            progressed = () => source.Position;
        }
        else
        {
            await g.UploadAsync(new GeneratedStream(40L << 20, seed: 12), "/big.bin");
            var sink = new HashingStream(TimeSpan.FromMilliseconds(1));
            transfer = g.DownloadAsync("/big.bin", sink);
            progressed = () => sink.Count;
        }

        for (int i = 0; i < 500 && progressed() < (1 << 20); i++)
        {
            await Task.Delay(10);
        }

        Assert.False(transfer.IsCompleted);
        host.KillDaemon();
        GuestfsConnectionException e = await Assert.ThrowsAsync<GuestfsConnectionException>(() => transfer.WaitAsync(s_limit));
        Assert.Contains(direction == "upload" ? "uploading the file" : "downloading the file", e.Message);
        Assert.Equal(GuestfsState.Config, g.State);

        await using GuestfsdHost second = await GuestfsdHost.StartAsync(sizeMb: 64);
        await g.SetBackendAsync(second.Backend);
        await g.LaunchAsync();
        Assert.Contains("/dev/sda", await g.ListDevicesAsync());
    }

    [Fact]
    public async Task UploadCancelledByDaemon_ErrnoReportedAndHandleStaysReady()
    {
        await using GuestfsdHost host = await GuestfsdHost.StartAsync(sizeMb: 64);
        await using GuestfsHandle g = await host.LaunchAsync();
        await MountScratchAsync(g);
        var source = new GeneratedStream(4L << 20, seed: 13);
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => g.UploadAsync(source, "/no/such/dir/f").WaitAsync(s_limit));
        Assert.Equal("ENOENT", e.Errno);
        Assert.Equal("upload", e.Procedure);
        Assert.Equal(GuestfsState.Ready, g.State);
        await g.TouchAsync("/after");
        Assert.True(await g.ExistsAsync("/after"));
    }

    [Fact]
    public async Task DaemonErrors_ErrnoNamesRoundTrip()
    {
        await using GuestfsdHost host = await GuestfsdHost.StartAsync(sizeMb: 64);
        await using GuestfsHandle g = await host.LaunchAsync();
        await MountScratchAsync(g);
        await g.MkdirAsync("/d");
        Assert.Equal("EEXIST", (await Assert.ThrowsAsync<GuestfsException>(() => g.MkdirAsync("/d"))).Errno);
        Assert.Equal("ENOENT", (await Assert.ThrowsAsync<GuestfsException>(() => g.RmdirAsync("/missing"))).Errno);
        await g.TouchAsync("/d/f");
        Assert.Equal("ENOTEMPTY", (await Assert.ThrowsAsync<GuestfsException>(() => g.RmdirAsync("/d"))).Errno);
        Assert.Equal("ENOTDIR", (await Assert.ThrowsAsync<GuestfsException>(() => g.MkdirAsync("/d/f/x"))).Errno);
        Assert.Equal(GuestfsState.Ready, g.State);
    }

    private static async Task MountScratchAsync(GuestfsHandle g)
    {
        await g.PartDiskAsync("/dev/sda", "mbr");
        await g.MkfsAsync("ext4", "/dev/sda1");
        await g.MountAsync("/dev/sda1", "/");
    }
}
