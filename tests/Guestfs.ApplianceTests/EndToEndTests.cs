using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.ApplianceTests;

/// <summary>
/// A real session against our appliance under TCG, sharing one launched handle (<see cref="EndToEndSession"/>).
/// Each test sets up the mounts it needs, so the order they run in does not matter. The suite runs twice: on a
/// restored appliance snapshot (the default launch, <see cref="SnapshotLaunchEndToEndTests"/>) and on a normal
/// boot (<see cref="NormalBootEndToEndTests"/>).
/// </summary>
public abstract class EndToEndTests
{
    private readonly EndToEndSession _session;

    protected EndToEndTests(EndToEndSession session)
    {
        _session = session;
    }

    private GuestfsHandle Handle => _session.Handle;

    [Fact]
    public async Task Launch_ThisSessionsMode_ShowsOnTheApplianceCommandLine()
    {
        string commandLine = await Handle.DebugAsync("sh", ["cat /proc/cmdline"]);

        Assert.Equal(_session.Snapshot, commandLine.Contains("guestfs_snapshot=1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SmallCalls_QueueNoThreadPoolWorkPerReply()
    {
        // Replies wake only the connection's own thread: nothing asynchronous was asked of the channel's socket during
        // the launch (that would register it with the runtime's socket engine, which then wakes a thread-pool worker on
        // every reply). Task.Run: no synchronization context, so the test's continuations run where replies complete.
        const int calls = 200;
        long queued = await Task.Run(async () =>
        {
            await Handle.UmaskAsync(0x12);   // warm-up
            long before = ThreadPool.CompletedWorkItemCount;
            for (int i = 0; i < calls; i++)
            {
                await Handle.UmaskAsync(0x12);
            }

            return ThreadPool.CompletedWorkItemCount - before;
        });

        Assert.True(queued < calls / 4, $"{calls} sequential calls ran {queued} thread-pool work items: replies reach the caller through the thread pool");
    }

    [Fact]
    public async Task Mkfs_PartitionedScratchDisk_IsExt4AndMountable()
    {
        await _session.MountDataAsync();

        Assert.Equal("ext4", await Handle.VfsTypeAsync(EndToEndSession.DataPartition));
        Assert.Contains(EndToEndSession.DataPartition, await Handle.MountsAsync());
        Assert.Contains("lost+found", await Handle.LsAsync("/"));
    }

    [Fact]
    public async Task WriteThenCat_TextFile_ReadsBackSameText()
    {
        await _session.MountDataAsync();
        await Handle.MkdirPAsync("/text");
        string text = $"hello from the end-to-end test, {Guid.NewGuid()}\nsecond line\n";

        await Handle.WriteAsync("/text/hello.txt", Encoding.UTF8.GetBytes(text));

        Assert.Equal(text, await Handle.CatAsync("/text/hello.txt"));
        Assert.Equal(Encoding.UTF8.GetByteCount(text), await Handle.FilesizeAsync("/text/hello.txt"));
    }

    [Fact]
    public async Task UploadThenDownload_20MegabyteFile_ChecksumsMatchOnBothSides()
    {
        await _session.MountDataAsync();
        byte[] content = new byte[20 * 1024 * 1024];
        new Random(8).NextBytes(content);
        string expected = Convert.ToHexStringLower(SHA256.HashData(content));
        string local = Path.Combine(_session.ScratchDirectory, "upload.bin");
        string back = Path.Combine(_session.ScratchDirectory, "download.bin");
        await File.WriteAllBytesAsync(local, content);

        await Handle.MkdirPAsync("/transfer");
        await Handle.UploadAsync(local, "/transfer/blob.bin");
        string inGuest = await Handle.ChecksumAsync("sha256", "/transfer/blob.bin");
        await Handle.DownloadAsync("/transfer/blob.bin", back);

        Assert.Equal(expected, inGuest);
        Assert.Equal(expected, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(back))));
    }

    [Fact]
    public async Task UploadFromStream_ThenDownloadToStream_BytesRoundTrip()
    {
        await _session.MountDataAsync();
        byte[] content = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        await Handle.MkdirPAsync("/transfer");

        await Handle.UploadAsync(new MemoryStream(content), "/transfer/stream.bin");
        var back = new MemoryStream();
        await Handle.DownloadAsync("/transfer/stream.bin", back);

        Assert.Equal(content, back.ToArray());
    }

    [Fact]
    public async Task Fill_LongEnoughToReport_ProgressEventsReachTheCaller()
    {
        await _session.MountDataAsync();
        var progress = new RecordingProgress();
        int eventCount = 0;
        int callback = Handle.SetEventCallback((_, _, _) => Interlocked.Increment(ref eventCount), GuestfsEvents.Progress);
        const int Length = 256 * 1024 * 1024;

        // The daemon sends its first progress message after ~2 s; filling 256 MiB under TCG takes longer.
        try
        {
            await Handle.FillAsync(0x5a, Length, "/progress.bin", progress);
        }
        finally
        {
            Handle.DeleteEventCallback(callback);
        }

        await Handle.RmAsync("/progress.bin");

        GuestfsProgress[] reports = progress.Reports.ToArray();
        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.Equal((ulong)Length, r.Total));
        Assert.Equal((ulong)Length, reports[^1].Position);
        Assert.True(reports.Select(r => r.Position).SequenceEqual(reports.Select(r => r.Position).Order()), "positions go backwards");
        Assert.True(eventCount >= reports.Length, $"{eventCount} progress events for {reports.Length} reports");
    }

    [Fact]
    public async Task Lvm_PvVgLvOnSecondDisk_LogicalVolumeFormatsAndMounts()
    {
        await Handle.UmountAllAsync();
        await Handle.PvcreateAsync("/dev/sdb");
        await Handle.VgcreateAsync("e2evg", ["/dev/sdb"]);
        await Handle.LvcreateAsync("lv0", "e2evg", 64);

        Assert.Contains("/dev/e2evg/lv0", await Handle.LvsAsync());
        await Handle.MkfsAsync("ext4", "/dev/e2evg/lv0");
        await Handle.MountAsync("/dev/e2evg/lv0", "/");
        await Handle.WriteAsync("/on-lvm.txt", Encoding.ASCII.GetBytes("on a logical volume"));

        Assert.Equal("on a logical volume", await Handle.CatAsync("/on-lvm.txt"));
        await Handle.UmountAllAsync();
    }

    /// <summary>
    /// A LUKS device opened on the appliance, holding a file system, then LVM: the daemon finds the file systems on
    /// it (list_filesystems, which inspection runs, resolves a /dev/mapper name to the device's /sys/block
    /// directory), lists it among the device-mapper devices and not the logical volume on it, and closes it so that
    /// the same name opens again.
    /// </summary>
    [SkippableFact]
    public async Task Luks_OpenedDevice_ItsFileSystemsAreFoundAndItCloses()
    {
        Skip.If(EncryptedGuestImage.SkipReason is not null, EncryptedGuestImage.SkipReason);
        const string Mapped = "/dev/mapper/e2ecrypt";
        string header = Path.Combine(_session.ScratchDirectory, "luks-header.img");
        await EncryptedGuestImage.FormatAsync(header, 4 << 20, "luks1", "e2e-key");
        await Handle.UmountAllAsync();
        await Handle.UploadAsync(header, EndToEndSession.CryptDisk);

        await Handle.CryptsetupOpenAsync(EndToEndSession.CryptDisk, "e2e-key", "e2ecrypt");
        try
        {
            await Handle.MkfsAsync("ext4", Mapped);
            Assert.Equal("ext4", (await Handle.ListFilesystemsAsync()).GetValueOrDefault(Mapped));
            Assert.Contains(Mapped, await Handle.ListDmDevicesAsync());
        }
        finally
        {
            await Handle.CryptsetupCloseAsync(Mapped);
        }

        Assert.DoesNotContain(Mapped, await Handle.ListDmDevicesAsync());

        // The deprecated luks_open and luks_close still work on the same devices.
#pragma warning disable CS0618
        await Handle.LuksOpenAsync(EndToEndSession.CryptDisk, "e2e-key", "e2ecrypt");
#pragma warning restore CS0618
        try
        {
            await Handle.PvcreateAsync(Mapped);
            await Handle.VgcreateAsync("e2ecvg", [Mapped]);
            await Handle.LvcreateAsync("lv0", "e2ecvg", 16);
            await Handle.MkfsAsync("ext4", "/dev/e2ecvg/lv0");
            var filesystems = await Handle.ListFilesystemsAsync();
            Assert.Equal("ext4", filesystems.GetValueOrDefault("/dev/e2ecvg/lv0"));
            Assert.False(filesystems.ContainsKey(Mapped), "the LVM physical volume is listed as a file system");
            Assert.Equal([Mapped], (await Handle.ListDmDevicesAsync()).Where(d => d.Contains("e2ec", StringComparison.Ordinal)));
            await Handle.MountAsync("/dev/e2ecvg/lv0", "/");
            await Handle.WriteAsync("/on-luks.txt", Encoding.ASCII.GetBytes("lvm on luks"));
            Assert.Equal("lvm on luks", await Handle.CatAsync("/on-luks.txt"));
        }
        finally
        {
            await Handle.UmountAllAsync();
            await Handle.VgActivateAsync(false, ["e2ecvg"]);
#pragma warning disable CS0618
            await Handle.LuksCloseAsync(Mapped);
#pragma warning restore CS0618
        }

        Assert.DoesNotContain(Mapped, await Handle.ListDmDevicesAsync());
    }

    [Fact]
    public async Task InspectOs_DebianLikeTree_FindsRootAndReportsLinuxDebian()
    {
        await Handle.UmountAllAsync();
        await Handle.PartDiskAsync("/dev/sdc", "mbr");
        await Handle.MkfsAsync("ext4", "/dev/sdc1");
        await Handle.MountAsync("/dev/sdc1", "/");
        foreach (string directory in new[] { "/etc", "/bin", "/sbin", "/usr/bin", "/usr/sbin", "/var/lib/dpkg", "/root", "/tmp" })
        {
            await Handle.MkdirPAsync(directory);
        }

        await Handle.WriteAsync("/etc/os-release", Encoding.ASCII.GetBytes(
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n" +
            "VERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n"));
        await Handle.WriteAsync("/etc/debian_version", Encoding.ASCII.GetBytes("12.5\n"));
        await Handle.WriteAsync("/etc/fstab", Encoding.ASCII.GetBytes("/dev/sda1 / ext4 defaults 0 1\n"));
        await Handle.WriteAsync("/etc/hostname", Encoding.ASCII.GetBytes("e2e-guest\n"));
        await Handle.UmountAllAsync();

        var roots = await Handle.InspectOsAsync();

        Assert.Equal(["/dev/sdc1"], roots);
        Assert.Equal("linux", await Handle.InspectGetTypeAsync("/dev/sdc1"));
        Assert.Equal("debian", await Handle.InspectGetDistroAsync("/dev/sdc1"));
        Assert.Equal(12, await Handle.InspectGetMajorVersionAsync("/dev/sdc1"));
        Assert.Equal("e2e-guest", await Handle.InspectGetHostnameAsync("/dev/sdc1"));
    }
}
