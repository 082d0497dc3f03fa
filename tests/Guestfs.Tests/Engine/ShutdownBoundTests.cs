using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Guestfs.Protocol;

namespace Guestfs.Tests.Engine;

/// <summary>
/// Closing never hangs: the final sync and the appliance's exit are bounded by the shutdown timeout, after which
/// the appliance is killed and a warning event says so.
/// </summary>
public class ShutdownBoundTests
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Dispose_DaemonNeverAnswersAutosync_ReturnsWithinBoundKillsAndWarns()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        var backend = new ScriptedBackend(daemon.SocketPath);
        (GuestfsHandle g, ConcurrentQueue<string> warnings) = await LaunchAsync(daemon, backend, autosync: true, new() { ShutdownTimeout = s_bound });

        var clock = Stopwatch.StartNew();
        Task dispose = g.DisposeAsync().AsTask();
        ReceivedCall call = await daemon.ReadCallAsync();
        Assert.Equal(Procedure.InternalAutosync, call.Header.Proc);

        await dispose.WaitAsync(s_limit);
        Assert.InRange(clock.Elapsed, s_bound - TimeSpan.FromMilliseconds(100), s_bound + TimeSpan.FromSeconds(5));
        Assert.True(backend.Killed);
        Assert.False(backend.ShutdownRequested);
        string warning = Assert.Single(warnings);
        Assert.Contains("internal_autosync", warning, StringComparison.Ordinal);
        Assert.Contains("killed", warning, StringComparison.Ordinal);
        Assert.Equal(GuestfsState.Closed, g.State);
    }

    [Fact]
    public async Task Dispose_ApplianceNeverExits_ReturnsWithinBoundKillsAndWarns()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        var backend = new ScriptedBackend(daemon.SocketPath) { HangOnShutdown = true };
        (GuestfsHandle g, ConcurrentQueue<string> warnings) = await LaunchAsync(daemon, backend, autosync: true, new() { ShutdownTimeout = s_bound });

        var clock = Stopwatch.StartNew();
        Task dispose = g.DisposeAsync().AsTask();
        ReceivedCall call = await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(call);

        await dispose.WaitAsync(s_limit);
        Assert.InRange(clock.Elapsed, s_bound - TimeSpan.FromMilliseconds(100), s_bound + TimeSpan.FromSeconds(5));
        Assert.True(backend.ShutdownRequested);
        Assert.True(backend.Killed);
        string warning = Assert.Single(warnings);
        Assert.Contains("did not stop within 1 s", warning, StringComparison.Ordinal);
        Assert.Contains("killed", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shutdown_BoundFromBackendSetting_ReturnsToConfigAfterKill()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        var backend = new ScriptedBackend(daemon.SocketPath);
        (GuestfsHandle g, ConcurrentQueue<string> warnings) = await LaunchAsync(daemon, backend, autosync: true, new() { BackendSettings = ["shutdown_timeout=0.5"] });
        await using GuestfsHandle _ = g;

        var clock = Stopwatch.StartNew();
        Task shutdown = g.ShutdownAsync();
        Assert.Equal(Procedure.InternalAutosync, (await daemon.ReadCallAsync()).Header.Proc);

        await shutdown.WaitAsync(s_limit);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(5));
        Assert.Equal(GuestfsState.Config, g.State);
        Assert.True(backend.Killed);
        Assert.Contains("within 0.5 s", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_DaemonAnswersAndApplianceExits_NoWarningNoKillBeforeShutdown()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        var backend = new ScriptedBackend(daemon.SocketPath);
        (GuestfsHandle g, ConcurrentQueue<string> warnings) = await LaunchAsync(daemon, backend, autosync: true, new() { ShutdownTimeout = s_bound });

        Task dispose = g.DisposeAsync().AsTask();
        await daemon.SendReplyAsync(await daemon.ReadCallAsync());
        await dispose.WaitAsync(s_limit);
        Assert.True(backend.ShutdownRequested);
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task ShutdownTimeout_Invalid_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GuestfsHandle(new GuestfsOptions { ReadEnvironment = false, ShutdownTimeout = TimeSpan.Zero }));

        var backend = new ScriptedBackend("/nonexistent");
        await using var g = new GuestfsHandle(new GuestfsOptions
        {
            ReadEnvironment = false, Backend = "direct", DiagnosticWriter = TextWriter.Null, BackendFactory = _ => backend,
            BackendSettings = ["shutdown_timeout=soon"],
        });
        await g.AddDriveAsync("/dev/null");
        GuestfsLaunchException e = await Assert.ThrowsAsync<GuestfsLaunchException>(() => g.LaunchAsync());
        Assert.Contains("shutdown_timeout=soon", e.Message, StringComparison.Ordinal);
        Assert.Null(backend.Parameters);
    }

    private static async Task<(GuestfsHandle Handle, ConcurrentQueue<string> Warnings)> LaunchAsync(
        FakeDaemon daemon, ScriptedBackend backend, bool autosync, GuestfsOptions settings)
    {
        var g = new GuestfsHandle(new GuestfsOptions
        {
            ReadEnvironment = false, Backend = "direct", DiagnosticWriter = TextWriter.Null, BackendFactory = _ => backend,
            ShutdownTimeout = settings.ShutdownTimeout, BackendSettings = settings.BackendSettings,
        });
        var warnings = new ConcurrentQueue<string>();
        g.SetEventCallback((_, _, e) => warnings.Enqueue(e.Buffer), GuestfsEvents.Warning);
        await g.SetAutosyncAsync(autosync);
        await g.AddDriveAsync("/dev/null");
        Task launch = g.LaunchAsync();
        await daemon.AcceptAsync();
        await daemon.SendWordAsync(ProtocolConstants.LaunchFlag);
        await launch.WaitAsync(s_limit);
        return (g, warnings);
    }
}
