using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.ApplianceTests;

/// <summary>
/// qemu killed during a call, a download, an upload and between calls, through the public handle on the real
/// appliance (TCG): each ends in a <see cref="GuestfsConnectionException"/> (or a fast CONFIG-state error), state
/// CONFIG, no qemu process and no private directory left, and the next launch on the same handle works.
/// </summary>
[Collection(ApplianceCollection.Name)]
[Trait("Category", "Appliance")]
public sealed class ApplianceFaultTests(ApplianceFixture fixture)
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task QemuKilled_DuringCallDownloadUploadAndBetweenCalls_ConfigNothingLeftRelaunchWorks()
    {
        string disk = fixture.CreateScratchDisk("faults.img", 256);
        await using var g = new GuestfsHandle(new GuestfsOptions
        {
            ReadEnvironment = false,
            Backend = "direct",
            BackendSettings = ["force_tcg"],
            Path = fixture.ApplianceDirectory,
            DiagnosticWriter = TextWriter.Null,
        });
        await g.AddDriveAsync(disk, new AddDriveOptions { Format = "raw" });

        // During a call.
        await LaunchAndMountAsync(g, format: true);
        await g.WriteAsync("/seed", new byte[] { 1, 2, 3 });
        await g.SyncAsync(); // a kill loses what the guest kernel has not written back, as with any VM
        await KillAndExpectAsync(g, g.SleepAsync(60), "sleep");

        // During a download.
        await LaunchAndMountAsync(g, format: false);
        await g.UploadAsync(new MemoryStream(new byte[48 << 20]), "/big.bin");
        var sink = new SlowSink(TimeSpan.FromMilliseconds(2));
        Task download = g.DownloadAsync("/big.bin", sink);
        await WaitUntilAsync(() => sink.Count > (1 << 20));
        await KillAndExpectAsync(g, download, "download");

        // During an upload.
        await LaunchAndMountAsync(g, format: false);
        var source = new FilledSource(64L << 20, 0x5a, TimeSpan.FromMilliseconds(2));
        Task upload = g.UploadAsync(source, "/up.bin");
        await WaitUntilAsync(() => source.Position > (1 << 20));
        await KillAndExpectAsync(g, upload, "upload");

        // Between calls: the backend sees qemu exit and the handle goes back to CONFIG by itself.
        await LaunchAndMountAsync(g, format: false);
        int pid = await g.GetPidAsync();
        string directory = PrivateDirectoryOf(pid);
        Kill(pid);
        await WaitUntilAsync(() => g.State == GuestfsState.Config);
        await Assert.ThrowsAsync<InvalidOperationException>(() => g.SyncAsync());
        AssertNothingLeft(pid, directory);

        // And a last launch still works, with the data written before the faults.
        await LaunchAndMountAsync(g, format: false);
        Assert.Equal(new byte[] { 1, 2, 3 }, await g.ReadFileAsync("/seed"));
        await g.ShutdownAsync();
    }

    private static async Task LaunchAndMountAsync(GuestfsHandle g, bool format)
    {
        await g.LaunchAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (format)
        {
            await g.PartDiskAsync("/dev/sda", "mbr");
            await g.MkfsAsync("ext4", "/dev/sda1");
        }

        await g.MountAsync("/dev/sda1", "/");
    }

    private static async Task KillAndExpectAsync(GuestfsHandle g, Task call, string procedure)
    {
        int pid = await g.GetPidAsync();
        string directory = PrivateDirectoryOf(pid);
        Assert.False(call.IsCompleted, $"{procedure} finished before qemu was killed");
        Kill(pid);
        GuestfsConnectionException e = await Assert.ThrowsAsync<GuestfsConnectionException>(() => call.WaitAsync(s_limit));
        Assert.Equal(procedure, e.Procedure);
        Assert.Equal(GuestfsState.Config, g.State);
        AssertNothingLeft(pid, directory);
    }

    private static void AssertNothingLeft(int pid, string directory)
    {
        for (int i = 0; i < 100 && (ApplianceFixture.IsRunning(pid) || Directory.Exists(directory)); i++)
        {
            Thread.Sleep(50);
        }

        Assert.False(ApplianceFixture.IsRunning(pid), $"qemu {pid} still running");
        Assert.False(Directory.Exists(directory), $"{directory} left behind");
    }

    /// <summary>The directory of qemu's channel socket, from its command line.</summary>
    private static string PrivateDirectoryOf(int pid)
    {
        string[] args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
        string chardev = args.First(a => a.StartsWith("socket,path=", StringComparison.Ordinal));
        string path = chardev["socket,path=".Length..].Split(",id=")[0].Replace(",,", ",", StringComparison.Ordinal);
        return Path.GetDirectoryName(path)!;
    }

    private static void Kill(int pid) => System.Diagnostics.Process.GetProcessById(pid).Kill();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 1200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "timed out waiting");
    }
}
