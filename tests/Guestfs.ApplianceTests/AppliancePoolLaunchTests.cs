using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Backends.Direct;

namespace Guestfs.ApplianceTests;

/// <summary>
/// Launching from a prepared (restored, paused, drive-less) appliance, as the warm pool does: the drives are
/// plugged and the appliance resumed; a prepared appliance that died falls back to a normal launch with a warning.
/// </summary>
[Collection(ApplianceCollection.Name)]
[Trait("Category", "Appliance")]
public sealed class AppliancePoolLaunchTests
{
    private readonly ApplianceFixture _fixture;

    public AppliancePoolLaunchTests(ApplianceFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task PreparedAppliance_LaunchPlugsTheDrivesAndResumes()
    {
        string scratch = _fixture.CreateScratchDisk("pool-a.img", 64);
        string data = _fixture.CreateScratchDisk("pool-b.img", 32);
        LaunchParameters parameters = SnapshotLaunchTests.Parameters(640, "1",
        [
            new DriveSpec(scratch) { Format = "raw" },
            new DriveSpec(data) { Format = "raw", Readonly = true, Label = "DATA" },
        ]);
        var backend = new DirectBackend();
        var prepareSink = new RecordingSink();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4)))
        {
            await backend.PrepareAsync(parameters with { Drives = [] }, prepareSink, timeout.Token);
        }

        Assert.True(backend.IsPrepared, string.Join("\n", prepareSink.Debug));
        Assert.NotNull(backend.ProcessId);

        (bool restored, RecordingSink sink) = await SnapshotLaunchTests.LaunchAndCheckAsync(parameters, scratch, 0x6B, backend: backend);

        Assert.True(restored, string.Join("\n", sink.Debug));
        Assert.Contains(sink.Debug, m => m.StartsWith("launch: attach the drives to the pooled appliance", StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Debug, m => m.StartsWith("launch: locate the appliance", StringComparison.Ordinal));
        // The guest's steps are timed from the take, not from the preparation.
        Assert.Contains(sink.Debug, m => m.StartsWith("launch: snapshot: taken from the pool at 0 s, drives plugged", StringComparison.Ordinal));
        Assert.Empty(sink.Warnings);
    }

    [Fact]
    public async Task PreparedAppliance_ThatDied_FallsBackToANormalLaunchWithAWarning()
    {
        string scratch = _fixture.CreateScratchDisk("pool-c.img", 16);
        LaunchParameters parameters = SnapshotLaunchTests.Parameters(640, "1", [new DriveSpec(scratch) { Format = "raw" }]);
        var backend = new DirectBackend();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4)))
        {
            await backend.PrepareAsync(parameters with { Drives = [] }, new RecordingSink(), timeout.Token);
        }

        using (Process qemu = Process.GetProcessById(backend.ProcessId!.Value))
        {
            qemu.Kill();
        }

        await backend.Exited.WaitAsync(TimeSpan.FromSeconds(30));

        (bool _, RecordingSink sink) = await SnapshotLaunchTests.LaunchAndCheckAsync(parameters, scratch, 0x2D, backend: backend);

        string warning = Assert.Single(sink.Warnings);
        Assert.StartsWith("launch: the pooled appliance failed", warning, StringComparison.Ordinal);
        Assert.EndsWith("launching normally", warning, StringComparison.Ordinal);
        Assert.Contains(sink.Debug, m => m.StartsWith("launch: locate the appliance", StringComparison.Ordinal));
    }
}
