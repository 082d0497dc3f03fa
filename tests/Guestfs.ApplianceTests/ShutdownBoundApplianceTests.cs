using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends.Direct;

namespace Guestfs.ApplianceTests;

/// <summary>Closing a handle whose appliance hangs returns within the shutdown bound, with qemu killed and a warning.</summary>
[Collection(ApplianceCollection.Name)]
[Trait("Category", "Appliance")]
public sealed class ShutdownBoundApplianceTests
{
    private const int SigStop = 19;
    private readonly ApplianceFixture _fixture;

    public ShutdownBoundApplianceTests(ApplianceFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Dispose_QemuStopped_ReturnsWithinBoundQemuKilledWarningRaised()
    {
        string disk = _fixture.CreateScratchDisk("shutdown-bound.img", 16);
        var g = new GuestfsHandle(new GuestfsOptions
        {
            BackendSettings = ["force_tcg", "snapshot=0"],
            ShutdownTimeout = TimeSpan.FromSeconds(2),
            DiagnosticWriter = TextWriter.Null,
        });
        var warnings = new ConcurrentQueue<string>();
        g.SetEventCallback((_, _, e) => warnings.Enqueue(e.Buffer), GuestfsEvents.Warning);
        await g.AddDriveAsync(disk, new AddDriveOptions { Format = "raw" });
        await g.LaunchAsync().WaitAsync(TimeSpan.FromMinutes(5));
        int pid = await g.GetPidAsync();

        Assert.Equal(0, NativeMethods.Kill(pid, SigStop));
        var clock = Stopwatch.StartNew();
        await g.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(10));
        for (int i = 0; i < 100 && ApplianceFixture.IsRunning(pid); i++)
        {
            Thread.Sleep(50);
        }

        Assert.False(ApplianceFixture.IsRunning(pid), $"qemu {pid} still running");
        Assert.Contains(warnings, w => w.Contains("did not finish the final sync (internal_autosync) within 2 s", StringComparison.Ordinal));
    }
}
