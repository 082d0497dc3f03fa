using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.IntegrationTests;

/// <summary>Each test starts its own fenced stock guestfsd: LVM, daemon death, cancellation, shutdown.</summary>
public class StockDaemonLifecycleTests
{
    private static bool HostHasDeviceMapper => File.ReadAllText("/proc/misc").Contains("device-mapper", StringComparison.Ordinal);

    [SkippableFact]
    public async Task LvmCreate_PvVgLvThenMkfs_ListedAsFilesystem()
    {
        Skip.IfNot(HostHasDeviceMapper, "this host's kernel has no device-mapper (/proc/misc), so the host daemon cannot activate a logical volume");
        await using GuestfsdHost host = await GuestfsdHost.StartAsync(sizeMb: 256);
        await using GuestfsHandle g = await host.LaunchAsync();
        string vg = "gfsvg" + Environment.ProcessId;
        await g.PartDiskAsync("/dev/sda", "mbr");
        await g.PvcreateAsync("/dev/sda1");
        await g.VgcreateAsync(vg, new[] { "/dev/sda1" });
        Assert.Contains(vg, await g.VgsAsync());
        await g.LvcreateAsync("lv0", vg, 64);
        Assert.Contains($"/dev/{vg}/lv0", await g.LvsAsync());
        await g.MkfsAsync("ext4", $"/dev/{vg}/lv0");
        IReadOnlyDictionary<string, string> fs = await g.ListFilesystemsAsync();
        Assert.Equal("ext4", fs[$"/dev/{vg}/lv0"]);
        await g.MountAsync($"/dev/{vg}/lv0", "/");
        await g.WriteAsync("/on-lvm", new byte[] { 42 });
        Assert.Equal(new byte[] { 42 }, await g.ReadFileAsync("/on-lvm"));
        await g.ShutdownAsync(); // autosync: umount_all + sync
        Assert.Equal(GuestfsState.Config, g.State);
    }

    [SkippableFact]
    public async Task LvmCreate_HostWithoutDeviceMapper_DaemonErrorNamesItAndHandleStaysReady()
    {
        Skip.If(HostHasDeviceMapper, "this host's kernel has device-mapper: the logical volume is created (the test above)");
        await using GuestfsdHost host = await GuestfsdHost.StartAsync(sizeMb: 256);
        await using GuestfsHandle g = await host.LaunchAsync();
        string vg = "gfsvg" + Environment.ProcessId;
        await g.PartDiskAsync("/dev/sda", "mbr");
        await g.PvcreateAsync("/dev/sda1");
        await g.VgcreateAsync(vg, new[] { "/dev/sda1" });
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => g.LvcreateAsync("lv0", vg, 64));
        Assert.Equal("lvcreate", e.Procedure);
        Assert.Contains("device-mapper", e.Message);
        Assert.Equal(GuestfsState.Ready, g.State);
    }

    [Fact]
    public async Task Shutdown_WithAutosync_UnmountsAndReturnsToConfig()
    {
        await using GuestfsdHost host = await GuestfsdHost.StartAsync(sizeMb: 128);
        await using GuestfsHandle g = await host.LaunchAsync();
        await g.PartDiskAsync("/dev/sda", "mbr");
        await g.MkfsAsync("ext4", "/dev/sda1");
        await g.MountAsync("/dev/sda1", "/");
        await g.WriteAsync("/persist", new byte[] { 1, 2, 3 });
        await g.ShutdownAsync();
        Assert.Equal(GuestfsState.Config, g.State);
        Assert.Contains("internal_autosync", host.DaemonLog);
        Assert.True(ExitsWithin(host.DaemonPid, TimeSpan.FromSeconds(10)));
    }

    /// <summary>Whether a process has exited, or exits within the time given (gone already counts).</summary>
    private static bool ExitsWithin(int pid, TimeSpan timeout)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            return process.WaitForExit(timeout);
        }
        catch (ArgumentException)
        {
            return true; // no such process: it has exited already
        }
    }

    [Fact]
    public async Task DaemonKilledMidCall_ClearErrorConfigFastFailThenRelaunchWorks()
    {
        await using GuestfsdHost host = await GuestfsdHost.StartAsync(sizeMb: 64);
        await using GuestfsHandle g = await host.LaunchAsync();
        Task sleeping = g.SleepAsync(30);
        await Task.Delay(300);
        Assert.Equal(GuestfsState.Busy, g.State);
        host.KillDaemon();

        var stopwatch = Stopwatch.StartNew();
        GuestfsConnectionException e = await Assert.ThrowsAsync<GuestfsConnectionException>(() => sleeping.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal("sleep", e.Procedure);
        Assert.Contains("connection to the appliance was lost", e.Message);
        Assert.Equal(GuestfsState.Config, g.State);

        stopwatch.Restart();
        InvalidOperationException fast = await Assert.ThrowsAsync<InvalidOperationException>(() => g.SyncAsync());
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1));
        Assert.Contains("CONFIG", fast.Message);

        // A new launch (against a new daemon) works on the same handle.
        await using GuestfsdHost second = await GuestfsdHost.StartAsync(sizeMb: 64);
        await g.SetBackendAsync(second.Backend);
        await g.LaunchAsync();
        Assert.Contains("/dev/sda", await g.ListDevicesAsync());
    }

    [Fact]
    public async Task CancelOutsideTransfer_StopsWaitingKillsDaemonAndConfig()
    {
        await using GuestfsdHost host = await GuestfsdHost.StartAsync(sizeMb: 64);
        await using GuestfsHandle g = await host.LaunchAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => g.SleepAsync(4, cts.Token));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2));
        Assert.Equal(GuestfsState.Config, g.State);
        InvalidOperationException later = await Assert.ThrowsAsync<InvalidOperationException>(() => g.SyncAsync());
        Assert.Contains("cancelled", later.Message);
        // The daemon lost its client: it exits once its sleep is over.
        Assert.True(ExitsWithin(host.DaemonPid, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Trace_AgainstStockDaemon_LibguestfsFormat()
    {
        await using GuestfsdHost host = await GuestfsdHost.StartAsync(sizeMb: 64);
        var stderr = new StringWriter();
        await using GuestfsHandle g = await host.LaunchAsync(new GuestfsOptions
        {
            ReadEnvironment = false, Backend = host.Backend, DiagnosticWriter = stderr, Trace = true,
        });
        await g.PartDiskAsync("/dev/sda", "gpt");
        await g.MkfsAsync("ext4", "/dev/sda1");
        await g.MountAsync("/dev/sda1", "/");
        await Assert.ThrowsAsync<GuestfsException>(() => g.CatAsync("/missing"));
        string text = stderr.ToString();
        Assert.Contains("libguestfs: trace: mount \"/dev/sda1\" \"/\"\n", text);
        Assert.Contains("libguestfs: trace: mount = 0\n", text);
        Assert.Contains("libguestfs: trace: cat \"/missing\"\n", text);
        Assert.Contains("libguestfs: trace: cat = -1 (error)\n", text);
    }
}
