using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;

#pragma warning disable CS0618 // deprecated actions are exercised on purpose; the generator marks them [Obsolete]

namespace Guestfs.Tests.Engine;

public class GuestfsHandleStateTests
{
    private static GuestfsOptions NoEnv(string backend = "direct") => new() { ReadEnvironment = false, Backend = backend, DiagnosticWriter = TextWriter.Null };

    [Fact]
    public async Task NewHandle_IsConfig_AndDaemonCallsFailNamingState()
    {
        await using var g = new GuestfsHandle(NoEnv());
        Assert.Equal(GuestfsState.Config, g.State);
        Assert.True(await g.IsConfigAsync());
        Assert.Equal(0, await g.GetStateAsync());
        InvalidOperationException e = await Assert.ThrowsAsync<InvalidOperationException>(() => g.CallAsync(Procedure.Sync, null, 0, default, default));
        Assert.Contains("sync", e.Message);
        Assert.Contains("CONFIG", e.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => g.CatAsync("/etc/hostname"));
    }

    [Fact]
    public async Task Ready_ConfigOnlyActionsFailNamingState()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Assert.Equal(GuestfsState.Ready, g.State);
        Assert.True(await g.IsReadyAsync());
        Assert.Equal(2, await g.GetStateAsync());
        InvalidOperationException e = await Assert.ThrowsAsync<InvalidOperationException>(() => g.SetMemsizeAsync(1024));
        Assert.Contains("set_memsize", e.Message);
        Assert.Contains("READY", e.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => g.LaunchAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => g.AddDriveRoAsync("/dev/null"));
        // Settings allowed in any state still work.
        await g.SetTraceAsync(false);
        await g.SetVerboseAsync(true);
        Assert.True(await g.GetVerboseAsync());
    }

    [Fact]
    public async Task Launch_DirectBackendHypervisorMissing_TypedLaunchExceptionAndConfig()
    {
        // A fixed appliance whose files exist (contents irrelevant: qemu never starts) and a missing qemu.
        string dir = Directory.CreateTempSubdirectory("guestfs-test-fixed-").FullName;
        try
        {
            foreach (string name in new[] { "kernel", "initrd", "README.fixed" })
            {
                await File.WriteAllTextAsync(Path.Combine(dir, name), "x");
            }

            await using (var bad = new GuestfsHandle(NoEnv()))
            {
                // A root that is not an ext2 image: the appliance is refused, naming its directory.
                await File.WriteAllTextAsync(Path.Combine(dir, "root"), "x");
                await bad.SetPathAsync(dir);
                await bad.AddDriveAsync("/dev/null", new AddDriveOptions { Format = "raw" });
                ApplianceNotFoundException unusable = await Assert.ThrowsAsync<ApplianceNotFoundException>(() => bad.LaunchAsync());
                Assert.Contains(dir, unusable.Message);
                Assert.Equal(GuestfsState.Config, bad.State);
            }

            using (var mkfs = System.Diagnostics.Process.Start("mkfs.ext2", new[] { "-q", "-F", Path.Combine(dir, "root"), "256k" }))
            {
                await mkfs.WaitForExitAsync();
                Assert.Equal(0, mkfs.ExitCode);
            }

            await using var g = new GuestfsHandle(NoEnv());
            await g.SetPathAsync(dir);
            await g.SetHvAsync("/nonexistent/qemu-system-x86_64");
            await g.SetBackendSettingsAsync(new[] { "force_tcg" });
            await g.AddDriveAsync("/dev/null", new AddDriveOptions { Format = "raw" });
            HypervisorNotFoundException e = await Assert.ThrowsAsync<HypervisorNotFoundException>(() => g.LaunchAsync());
            Assert.Contains("/nonexistent/qemu-system-x86_64", e.Message);
            Assert.Equal(GuestfsState.Config, g.State);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Launch_NoDrivesWithDirect_Fails()
    {
        await using var g = new GuestfsHandle(NoEnv());
        GuestfsLaunchException e = await Assert.ThrowsAsync<GuestfsLaunchException>(() => g.LaunchAsync());
        Assert.Contains("at least one drive", e.Message);
    }

    [Fact]
    public async Task Launch_UnixSocketMissing_LaunchExceptionAndConfig()
    {
        await using var g = new GuestfsHandle(NoEnv("unix:/nonexistent/guestfs.sock"));
        GuestfsLaunchException e = await Assert.ThrowsAsync<GuestfsLaunchException>(() => g.LaunchAsync());
        Assert.Contains("/nonexistent/guestfs.sock", e.Message);
        Assert.Equal(GuestfsState.Config, g.State);
    }

    [Fact]
    public async Task Launch_Cancelled_OperationCanceledAndConfig()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using var g = new GuestfsHandle(daemon.Options());
        using var cts = new CancellationTokenSource();
        Task launch = g.LaunchAsync(cts.Token);
        await daemon.AcceptAsync();
        Assert.Equal(GuestfsState.Launching, g.State);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => launch);
        Assert.Equal(GuestfsState.Config, g.State);
    }

    [Fact]
    public async Task Launch_RaisesLaunchDoneEvent()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        var g = new GuestfsHandle(daemon.Options());
        var seen = new List<GuestfsEvents>();
        g.SetEventCallback((_, _, e) => seen.Add(e.Event), GuestfsEvents.LaunchDone | GuestfsEvents.SubprocessQuit | GuestfsEvents.Close);
        Task launch = g.LaunchAsync();
        await daemon.AcceptAsync();
        await daemon.SendWordAsync(ProtocolConstants.LaunchFlag);
        await launch;
        await g.KillSubprocessAsync();
        await g.DisposeAsync();
        Assert.Equal(new[] { GuestfsEvents.LaunchDone, GuestfsEvents.SubprocessQuit, GuestfsEvents.Close }, seen);
        Assert.Equal(GuestfsState.Closed, g.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => g.LaunchAsync());
    }

    [Fact]
    public async Task Shutdown_WithAutosync_SendsInternalAutosyncThenConfig()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        await g.SetAutosyncAsync(true);
        Task shutdown = g.ShutdownAsync();
        ReceivedCall c = await daemon.ReadCallAsync();
        Assert.Equal(Procedure.InternalAutosync, c.Header.Proc);
        await daemon.SendReplyAsync(c);
        await shutdown;
        Assert.Equal(GuestfsState.Config, g.State);
    }

    [Fact]
    public async Task Shutdown_AutosyncOff_SendsNothing()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        await g.SetAutosyncAsync(false);
        await g.ShutdownAsync();
        Assert.Equal(GuestfsState.Config, g.State);
    }

    [Fact]
    public async Task Kill_DuringCall_CallFailsWithConnectionExceptionAndConfig()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task call = g.CallAsync(Procedure.Sync, null, 0, default, default);
        await daemon.ReadCallAsync();
        await g.KillSubprocessAsync();
        GuestfsConnectionException e = await Assert.ThrowsAsync<GuestfsConnectionException>(() => call);
        Assert.Contains("kill_subprocess", e.Message);
        Assert.Equal(GuestfsState.Config, g.State);
    }

    [Fact]
    public async Task Cancel_OutsideTransfer_StopsWaitingKillsApplianceAndConfig()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        using var cts = new CancellationTokenSource();
        Task call = g.CallAsync(Procedure.Sync, null, 0, default, cts.Token);
        await daemon.ReadCallAsync();
        cts.Cancel();
        OperationCanceledException e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cts.Token, e.CancellationToken);
        Assert.Equal(GuestfsState.Config, g.State);
        InvalidOperationException later = await Assert.ThrowsAsync<InvalidOperationException>(() => g.CallAsync(Procedure.Sync, null, 0, default, default));
        Assert.Contains("cancelled", later.Message);
    }

    [Fact]
    public async Task QueuedCaller_CancelledWhileWaiting_DoesNotDisturbCallInFlight()
    {
        // A transfer holds the handle until it ends: a caller queued behind it and cancelled sends nothing.
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        var sink = new MemoryStream();
        Task first = g.CallAsync(Procedure.Download, new StringArgs("/f"), 0, new CallTransfer(Download: sink), default);
        ReceivedCall c = await daemon.ReadCallAsync();
        using var cts = new CancellationTokenSource();
        Task queued = g.CallAsync(Procedure.Sync, null, 0, default, cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.True(await daemon.IsSilentAsync(TimeSpan.FromMilliseconds(200)));
        await daemon.SendReplyAsync(c);
        await daemon.SendChunkAsync([1, 2, 3]);
        await daemon.SendChunkAsync([]);
        await first;
        Assert.Equal([1, 2, 3], sink.ToArray());
        Assert.Equal(GuestfsState.Ready, g.State);
    }

    [Fact]
    public async Task Environment_IsHonouredAndOptionsOverrideIt()
    {
        var env = new Dictionary<string, string>
        {
            ["LIBGUESTFS_BACKEND"] = "unix:/run/x.sock",
            ["LIBGUESTFS_BACKEND_SETTINGS"] = "force_tcg:gdb=1",
            ["LIBGUESTFS_PATH"] = "/opt/appliance",
            ["LIBGUESTFS_MEMSIZE"] = "2048",
            ["LIBGUESTFS_DEBUG"] = "1",
            ["LIBGUESTFS_TRACE"] = "1",
            ["LIBGUESTFS_APPEND"] = "quiet loglevel=3",
            ["LIBGUESTFS_HV"] = "/opt/qemu/bin/qemu-system-x86_64",
        };
        await using var g = new GuestfsHandle(new GuestfsOptions { EnvironmentReader = n => env.GetValueOrDefault(n), DiagnosticWriter = TextWriter.Null });
        Assert.Equal("unix:/run/x.sock", await g.GetBackendAsync());
        Assert.Equal(new[] { "force_tcg", "gdb=1" }, await g.GetBackendSettingsAsync());
        Assert.Equal("1", await g.GetBackendSettingAsync("force_tcg"));
        Assert.Equal("1", await g.GetBackendSettingAsync("gdb"));
        Assert.Equal("/opt/appliance", await g.GetPathAsync());
        Assert.Equal(2048, await g.GetMemsizeAsync());
        Assert.True(await g.GetVerboseAsync());
        Assert.True(await g.GetTraceAsync());
        Assert.Equal("quiet loglevel=3", await g.GetAppendAsync());
        Assert.Equal("/opt/qemu/bin/qemu-system-x86_64", await g.GetHvAsync());

        await using var h = new GuestfsHandle(new GuestfsOptions { EnvironmentReader = n => env.GetValueOrDefault(n), Memsize = 512, Trace = false, DiagnosticWriter = TextWriter.Null });
        Assert.Equal(512, await h.GetMemsizeAsync());
        Assert.False(await h.GetTraceAsync());

        await using var none = new GuestfsHandle(new GuestfsOptions { EnvironmentReader = n => env.GetValueOrDefault(n), ReadEnvironment = false });
        Assert.Equal("direct", await none.GetBackendAsync());
        Assert.Equal(1280, await none.GetMemsizeAsync());
        Assert.Null(await none.GetAppendAsync());
    }

    [Fact]
    public void Environment_BadMemsize_Throws()
    {
        Assert.Throws<ArgumentException>(() => new GuestfsHandle(new GuestfsOptions { EnvironmentReader = n => n == "LIBGUESTFS_MEMSIZE" ? "lots" : null }));
    }

    [Fact]
    public async Task Settings_SettersAndGettersRoundTrip()
    {
        await using var g = new GuestfsHandle(NoEnv());
        await g.SetMemsizeAsync(700);
        await g.SetSmpAsync(2);
        await g.SetAppendAsync("console=ttyS0");
        await g.SetNetworkAsync(true);
        await g.SetSelinuxAsync(true);
        await g.SetIdentifierAsync("disk-1");
        await g.SetProgramAsync("tool");
        await g.SetHvAsync("/usr/bin/qemu-kvm");
        await g.SetTmpdirAsync("/var/tmp");
        await g.SetCachedirAsync("/var/cache/x");
        await g.SetBackendAsync("unix:/tmp/s");
        await g.SetBackendSettingsAsync(new[] { "a", "b=2" });
        await g.SetBackendSettingAsync("b", "3");
        Assert.Equal((700, 2, "console=ttyS0", true, true), (await g.GetMemsizeAsync(), await g.GetSmpAsync(), await g.GetAppendAsync(), await g.GetNetworkAsync(), await g.GetSelinuxAsync()));
        Assert.Equal(("disk-1", "tool", "/usr/bin/qemu-kvm", "/var/tmp", "/var/cache/x"), (await g.GetIdentifierAsync(), await g.GetProgramAsync(), await g.GetHvAsync(), await g.GetTmpdirAsync(), await g.GetCachedirAsync()));
        Assert.Equal("unix:/tmp/s", await g.GetAttachMethodAsync());
        await g.SetBackendAsync("direct");
        Assert.Equal("appliance", await g.GetAttachMethodAsync());
        await g.SetBackendAsync("unix:/tmp/s");
        Assert.Equal("3", await g.GetBackendSettingAsync("b"));
        Assert.Equal(1, await g.ClearBackendSettingAsync("a"));
        GuestfsException missing = await Assert.ThrowsAsync<GuestfsException>(() => g.GetBackendSettingAsync("a"));
        Assert.Equal("ESRCH", missing.Errno);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => g.SetMemsizeAsync(10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => g.SetSmpAsync(0));
        await Assert.ThrowsAsync<ArgumentException>(() => g.SetIdentifierAsync("bad id"));
        await Assert.ThrowsAsync<ArgumentException>(() => g.SetBackendAsync("libvirt"));
        await g.SetAppendAsync(null);
        Assert.Null(await g.GetAppendAsync());
        Assert.Equal(255, await g.MaxDisksAsync());
        Assert.Equal(new Version(1, 48, 6, string.Empty), await g.VersionAsync());
    }

    [Fact]
    public async Task AddDrive_ValidatesOptionsAndFile()
    {
        await using var g = new GuestfsHandle(NoEnv());
        GuestfsException missing = await Assert.ThrowsAsync<GuestfsException>(() => g.AddDriveAsync("/nonexistent.img"));
        Assert.Equal("ENOENT", missing.Errno);
        await Assert.ThrowsAsync<ArgumentException>(() => g.AddDriveAsync("/dev/null", new AddDriveOptions { Cachemode = "none" }));
        await Assert.ThrowsAsync<ArgumentException>(() => g.AddDriveAsync("/dev/null", new AddDriveOptions { Readonly = true, Discard = "enable" }));
        await Assert.ThrowsAsync<ArgumentException>(() => g.AddDriveAsync("/dev/null", new AddDriveOptions { Format = "raw;rm" }));
        await Assert.ThrowsAsync<ArgumentException>(() => g.AddDriveAsync("/dev/null", new AddDriveOptions { Blocksize = 1000 }));
        GuestfsException proto = await Assert.ThrowsAsync<GuestfsException>(() => g.AddDriveAsync("/dev/null", new AddDriveOptions { Protocol = "gopher" }));
        Assert.Equal("EINVAL", proto.Errno);
        await Assert.ThrowsAsync<ArgumentException>(() => g.AddDriveAsync("/dev/\0null"));
        await g.AddDriveAsync("/dev/null", new AddDriveOptions { Format = "raw", Readonly = true, Label = "data", Cachemode = "unsafe" });
    }

    [Fact]
    public async Task AddDriveScratch_CreatesSparseFileRemovedOnClose()
    {
        string dir = Directory.CreateTempSubdirectory("gfs-scratch-").FullName;
        try
        {
            var g = new GuestfsHandle(NoEnv());
            await g.SetTmpdirAsync(dir);
            await g.AddDriveScratchAsync(1L << 30);
            string file = Assert.Single(Directory.GetFiles(dir, "*.img", SearchOption.AllDirectories));
            Assert.Equal(1L << 30, new FileInfo(file).Length);
            await g.DisposeAsync();
            Assert.Empty(Directory.GetFileSystemEntries(dir));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
