using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace Guestfs.ApplianceTests;

/// <summary>
/// Whole-lifecycle checks that need their own launches: shutdown and relaunch on the same disk, and the
/// hypervisor dying in the middle of a call.
/// </summary>
[Collection(ApplianceCollection.Name)]
[Trait("Category", "Appliance")]
public sealed class EndToEndLifecycleTests
{
    private readonly ApplianceFixture _fixture;
    private readonly ITestOutputHelper _output;

    public EndToEndLifecycleTests(ApplianceFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task Shutdown_ThenSecondHandleOnSameDisk_SeesTheData()
    {
        string disk = _fixture.CreateScratchDisk("relaunch.img", 128);
        await using (GuestfsHandle first = EndToEndSession.CreateHandle())
        {
            await first.AddDriveAsync(disk, new AddDriveOptions { Format = "raw" });
            await first.LaunchAsync();
            await first.MkfsAsync("ext4", "/dev/sda");
            await first.MountAsync("/dev/sda", "/");
            await first.WriteAsync("/persisted.txt", Encoding.ASCII.GetBytes("written before shutdown"));
            await first.ShutdownAsync();
            Assert.True(await first.IsConfigAsync());
        }

        await using GuestfsHandle second = EndToEndSession.CreateHandle();
        await second.AddDriveAsync(disk, new AddDriveOptions { Format = "raw", Readonly = true });
        await second.LaunchAsync();
        await second.MountRoAsync("/dev/sda", "/");

        Assert.Equal("written before shutdown", await second.CatAsync("/persisted.txt"));
        await second.ShutdownAsync();
    }

    [Fact]
    public async Task HypervisorKilledMidCall_CallFailsHandleBackToConfig_RelaunchWorks()
    {
        string disk = _fixture.CreateScratchDisk("killed.img", 64);
        await using GuestfsHandle handle = EndToEndSession.CreateHandle();
        await handle.AddDriveAsync(disk, new AddDriveOptions { Format = "raw" });
        await handle.LaunchAsync();
        int pid = await handle.GetPidAsync();

        Task sleeping = handle.SleepAsync(30);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.True(await handle.IsBusyAsync());
        var stopwatch = Stopwatch.StartNew();
        using (Process qemu = Process.GetProcessById(pid))
        {
            qemu.Kill();
        }

        var error = await Assert.ThrowsAsync<GuestfsConnectionException>(() => sleeping);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"the call took {stopwatch.Elapsed} to fail");
        _output.WriteLine($"{error.GetType().Name} (procedure {error.Procedure}, errno {error.Errno}): {error.Message}");
        Assert.Equal("sleep", error.Procedure);
        Assert.Contains("CONFIG", error.Message, StringComparison.Ordinal);
        Assert.Equal(GuestfsState.Config, handle.State);
        Assert.False(ApplianceFixture.IsRunning(pid));

        await handle.LaunchAsync();
        Assert.True(await handle.IsReadyAsync());
        Assert.NotEqual(pid, await handle.GetPidAsync());
        Assert.Equal(["/dev/sda"], await handle.ListDevicesAsync());
        await handle.ShutdownAsync();
    }
}
