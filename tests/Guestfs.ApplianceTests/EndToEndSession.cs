using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Guestfs.ApplianceTests;

/// <summary>
/// One launched appliance shared by every test of <see cref="EndToEndTests"/> (a launch costs seconds under TCG):
/// four sparse scratch disks, /dev/sda partitioned and formatted ext4 (its first partition is mounted on / by
/// <see cref="MountDataAsync"/>), /dev/sdb for LVM, /dev/sdc for the OS-like tree that inspection looks at,
/// <see cref="CryptDisk"/> for LUKS.
/// </summary>
public class EndToEndSession : IAsyncLifetime
{
    public EndToEndSession()
        : this(snapshot: true)
    {
    }

    protected EndToEndSession(bool snapshot)
    {
        Snapshot = snapshot;
    }

    /// <summary>Whether the handle launches with snapshot launch (the default) rather than a normal boot.</summary>
    public bool Snapshot { get; }

    public const string DataPartition = "/dev/sda1";

    /// <summary>A blank disk for the LUKS tests.</summary>
    public const string CryptDisk = "/dev/sdd";

    public string ScratchDirectory { get; } = Directory.CreateTempSubdirectory("guestfs-e2e-").FullName;

    public GuestfsHandle Handle { get; private set; } = null!;

    public TimeSpan LaunchTime { get; private set; }

    public async Task InitializeAsync()
    {
        Handle = Snapshot ? CreateHandle() : new GuestfsHandle(new GuestfsOptions { BackendSettings = ["force_tcg", "snapshot=0"] });
        await Handle.AddDriveAsync(CreateDisk("data.img", 512), new AddDriveOptions { Format = "raw" });
        await Handle.AddDriveAsync(CreateDisk("lvm.img", 256), new AddDriveOptions { Format = "raw" });
        await Handle.AddDriveAsync(CreateDisk("os.img", 128), new AddDriveOptions { Format = "raw" });
        await Handle.AddDriveAsync(CreateDisk("crypt.img", 64), new AddDriveOptions { Format = "raw" });
        var stopwatch = Stopwatch.StartNew();
        await Handle.LaunchAsync();
        LaunchTime = stopwatch.Elapsed;
        await Handle.PartDiskAsync("/dev/sda", "mbr");
        await Handle.MkfsAsync("ext4", DataPartition);
    }

    public async Task DisposeAsync()
    {
        if (Handle is not null)
        {
            await Handle.DisposeAsync();
        }

        Directory.Delete(ScratchDirectory, recursive: true);
    }

    /// <summary>A handle that uses TCG (KVM is broken on the CI machines) and the default direct backend.</summary>
    public static GuestfsHandle CreateHandle() => new(new GuestfsOptions { BackendSettings = ["force_tcg"] });

    /// <summary>Creates a sparse raw image in the scratch directory.</summary>
    public string CreateDisk(string name, long megabytes)
    {
        string path = Path.Combine(ScratchDirectory, name);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.SetLength(megabytes * 1024 * 1024);
        return path;
    }

    /// <summary>
    /// Makes sure the data partition is what is mounted on / (inspection unmounts everything, so tests do not
    /// rely on an earlier test's mounts).
    /// </summary>
    public async Task MountDataAsync()
    {
        await Handle.UmountAllAsync();
        await Handle.MountAsync(DataPartition, "/");
    }
}
