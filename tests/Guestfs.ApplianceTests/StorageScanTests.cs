using System;
using System.Threading.Tasks;

namespace Guestfs.ApplianceTests;

/// <summary>
/// The appliance's storage scan at launch (md, LVM, Windows dynamic disks), decided on the host: skipped when no drive
/// can hold what it looks for (<c>StorageSignatures</c>), run otherwise, on a restored appliance (told on its trigger)
/// and on a normal boot (told on its kernel command line) alike.
/// </summary>
[Collection(ApplianceCollection.Name)]
[Trait("Category", "Appliance")]
public sealed class StorageScanTests
{
    private readonly ApplianceFixture _fixture;

    public StorageScanTests(ApplianceFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    public async Task Launch_DiskWithVolumeGroup_LogicalVolumeActiveAtLaunch(string snapshot)
    {
        // Blank raw disks let the appliance skip its storage scan; a disk whose partition holds an LVM label must not
        // (the host reads the partition table to find it).
        string blank = _fixture.CreateScratchDisk($"scan-lvm-blank-{snapshot}.img", 16);
        var options = new GuestfsOptions { BackendSettings = ["force_tcg", "snapshot=" + snapshot], Memsize = 640 };
        string pv = await _fixture.CreateVolumeGroupDiskAsync($"scan-lvm-pv-{snapshot}.img", "scanvg", options);

        await using (var g = new GuestfsHandle(options))
        {
            await g.AddDriveAsync(blank, new AddDriveOptions { Format = "raw" });
            await g.AddDriveAsync(pv, new AddDriveOptions { Format = "raw" });
            await g.LaunchAsync();
            string commandLine = await g.DebugAsync("sh", ["cat /proc/cmdline"]);
            Assert.Equal(snapshot == "1", commandLine.Contains("guestfs_snapshot=1", StringComparison.Ordinal));
            Assert.DoesNotContain("guestfs_noscan", commandLine, StringComparison.Ordinal);

            // The device node exists only if the volume group was activated by the launch's storage scan.
            Assert.Equal(16L * 1024 * 1024, await g.BlockdevGetsize64Async("/dev/scanvg/lv0"));
        }
    }

    [Fact]
    public async Task NormalBoot_BlankDisk_SkipsTheScanAndLoadsDeviceMapperOnFirstUse()
    {
        // Nothing to scan: the init is told so, and device-mapper, loop and fuse are not loaded at boot; their static
        // device nodes load them when a tool first opens one (here LVM, through /dev/mapper/control).
        string blank = _fixture.CreateScratchDisk("scan-none.img", 64);
        await using var g = new GuestfsHandle(new GuestfsOptions { BackendSettings = ["force_tcg", "snapshot=0"], Memsize = 640 });
        await g.AddDriveAsync(blank, new AddDriveOptions { Format = "raw" });
        await g.LaunchAsync();

        Assert.Contains("guestfs_noscan=1", await g.DebugAsync("sh", ["cat /proc/cmdline"]), StringComparison.Ordinal);
        Assert.Equal("none", (await g.DebugAsync("sh", ["ls -d /sys/module/dm_mod /sys/module/loop /sys/module/fuse 2>/dev/null || echo none"])).Trim());
        Assert.Equal("crw------- 10:236", (await g.DebugAsync("sh", ["stat -c '%A %Hr:%Lr' /dev/mapper/control"])).Trim());

        await g.PartDiskAsync("/dev/sda", "mbr");
        await g.PvcreateAsync("/dev/sda1");
        await g.VgcreateAsync("lazyvg", ["/dev/sda1"]);
        await g.LvcreateAsync("lv0", "lazyvg", 16);

        Assert.Equal(16L * 1024 * 1024, await g.BlockdevGetsize64Async("/dev/lazyvg/lv0"));
        Assert.Equal("/sys/module/dm_mod", (await g.DebugAsync("sh", ["ls -d /sys/module/dm_mod"])).Trim());
    }
}
