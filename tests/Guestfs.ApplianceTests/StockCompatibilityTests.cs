using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Backends.Direct;

namespace Guestfs.ApplianceTests;

/// <summary>Our appliance under the stock libguestfs tools, and the stock appliance under our backend.</summary>
[Collection(ApplianceCollection.Name)]
[Trait("Category", "Appliance")]
public sealed class StockCompatibilityTests
{
    private const int ListDevices = 7;

    private readonly ApplianceFixture _fixture;

    public StockCompatibilityTests(ApplianceFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task StockGuestfish_WithOurFixedAppliance_PartitionsFormatsWritesAndReads()
    {
        string fixedDirectory = Path.Combine(_fixture.ScratchDirectory, "fixed");
        ProcessOutcome make = await ApplianceFixture.RunAsync(
            "bash", [Path.Combine(_fixture.RepositoryRoot, "eng", "make-fixed-appliance.sh"), fixedDirectory], TimeSpan.FromMinutes(30));
        Assert.True(make.ExitCode == 0, make.Output);
        foreach (string file in new[] { "kernel", "initrd", "root", "README.fixed" })
        {
            Assert.True(File.Exists(Path.Combine(fixedDirectory, file)), file + " missing from the fixed appliance");
        }

        string disk = _fixture.CreateScratchDisk("guestfish.img", 64);
        string text = "written through stock guestfish " + Guid.NewGuid().ToString("N");
        ProcessOutcome run = await ApplianceFixture.RunAsync(
            "guestfish",
            ["--format=raw", "-a", disk, "run", ":", "part-disk", "/dev/sda", "mbr", ":", "mkfs", "ext4", "/dev/sda1", ":",
             "mount", "/dev/sda1", "/", ":", "write", "/hello", text, ":", "cat", "/hello", ":", "list-filesystems"],
            TimeSpan.FromMinutes(5),
            new Dictionary<string, string>
            {
                ["LIBGUESTFS_BACKEND"] = "direct",
                ["LIBGUESTFS_BACKEND_SETTINGS"] = "force_tcg",
                ["LIBGUESTFS_PATH"] = fixedDirectory,
            });

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains(text, run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("/dev/sda1: ext4", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DirectBackend_WithStockFixedAppliance_DaemonAnswersAndKillLeavesNothing()
    {
        string stock = await GetStockFixedApplianceAsync();
        string disk = _fixture.CreateScratchDisk("stock.img", 32);
        var sink = new RecordingSink();
        var backend = new DirectBackend();
        await using (backend)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            DaemonChannel channel = await DaemonChannel.OpenAsync(
                await backend.LaunchAsync(ApplianceFixture.TcgParameters([new DriveSpec(disk) { Format = "raw" }], path: stock), sink, timeout.Token), timeout.Token);
            Assert.Equal(["/dev/sda"], DaemonChannel.ReadStringList(await channel.CallAsync(ListDevices, null, 0, timeout.Token)));
            Assert.True(backend.Appliance!.IsFixed);
            Assert.Equal(Path.Combine(stock, "kernel"), backend.Appliance.Kernel);

            int pid = backend.ProcessId!.Value;
            string directory = backend.TemporaryDirectory!;
            backend.Kill();
            backend.Kill();

            Assert.False(ApplianceFixture.IsRunning(pid));
            Assert.False(Directory.Exists(directory));
            Assert.False(File.Exists(Path.Combine(directory, "guestfsd.sock")));
            Assert.True(backend.Exited.IsCompleted);
        }
    }

    /// <summary>The fixed appliance libguestfs-make-fixed-appliance writes, made once and kept beside our cache.</summary>
    private static async Task<string> GetStockFixedApplianceAsync()
    {
        string directory = Path.Combine(
            "/var/tmp",
            ApplianceLocator.CacheDirectoryPrefix + NativeMethods.GetEffectiveUserId().ToString(CultureInfo.InvariantCulture),
            "stock-fixed-appliance");
        if (!File.Exists(Path.Combine(directory, "README.fixed")))
        {
            // It boots the stock appliance once; KVM is not usable on every host, so keep it on TCG.
            ProcessOutcome make = await ApplianceFixture.RunAsync(
                "libguestfs-make-fixed-appliance",
                [directory],
                TimeSpan.FromMinutes(20),
                new Dictionary<string, string> { ["LIBGUESTFS_BACKEND"] = "direct", ["LIBGUESTFS_BACKEND_SETTINGS"] = "force_tcg" });
            Assert.True(make.ExitCode == 0, "libguestfs-make-fixed-appliance failed:\n" + make.Output);
        }

        return directory;
    }
}
