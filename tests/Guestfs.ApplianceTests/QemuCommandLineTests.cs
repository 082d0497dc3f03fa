using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Guestfs.Backends;
using Guestfs.Backends.Direct;

namespace Guestfs.ApplianceTests;

public sealed class QemuCommandLineTests
{
    private static readonly ApplianceFiles s_appliance = new(
        "/cache/appliance.d", "/cache/appliance.d/vmlinux", "/cache/appliance.d/initrd", "/cache/appliance.d/root",
        "01234567-89ab-cdef-0123-456789abcdef", IsFixed: false);

    private static LaunchParameters Parameters(bool network = false, bool verbose = false, string? append = null) => new()
    {
        Drives = [],
        MemsizeMb = 1024,
        Smp = 2,
        Network = network,
        Verbose = verbose,
        Append = append,
    };

    private static IReadOnlyList<string> Build(params ResolvedDrive[] drives) =>
        QemuCommandLine.Build(s_appliance, drives, Parameters(), kvm: false, "/tmp/guestfs-x/guestfsd.sock");

    private static string ValueAfter(IReadOnlyList<string> args, string option, int occurrence = 0) =>
        args.Select((a, i) => (a, i)).Where(p => p.a == option).Select(p => args[p.i + 1]).ElementAt(occurrence);

    [Theory]
    [InlineData(false, "on")]
    [InlineData(true, "off")]
    public void Build_Snapshot_MemoryInTheRamFileSharedWhenSavingPrivateWhenRestoringNoHotplugEvents(bool incoming, string share)
    {
        var layout = new SnapshotLayout("/cache/snap/root.qcow2", RootWritable: !incoming, "/tmp/t.sock", "/tmp/q.sock", incoming, "/cache/snap,1/ram");
        IReadOnlyList<string> args = QemuCommandLine.Build(s_appliance, [], Parameters(), kvm: false, "/tmp/guestfs-x/guestfsd.sock", layout);

        Assert.Equal("q35,memory-backend=guestfs-ram", ValueAfter(args, "-machine"));
        Assert.Equal($"memory-backend-file,id=guestfs-ram,size=1024M,mem-path=/cache/snap,,1/ram,share={share}", ValueAfter(args, "-object"));
        Assert.Equal("virtio-scsi-pci,id=scsi,hotplug=off", ValueAfter(args, "-device", 0));
        Assert.Equal(incoming, args.Contains("-incoming"));
    }

    [Fact]
    public void Build_NoStorageToScan_NormalBootTellsTheInitOnItsCommandLineARestoreDoesNot()
    {
        var layout = new SnapshotLayout("/cache/snap/root.qcow2", RootWritable: true, "/tmp/t.sock", "/tmp/q.sock", Incoming: false, "/cache/snap/ram");
        string scan = ValueAfter(QemuCommandLine.Build(s_appliance, [], Parameters(), kvm: false, "/s"), "-append");
        string noScan = ValueAfter(QemuCommandLine.Build(s_appliance, [], Parameters(), kvm: false, "/s", storageScan: false), "-append");
        string snapshot = ValueAfter(QemuCommandLine.Build(s_appliance, [], Parameters(), kvm: false, "/s", layout, storageScan: false), "-append");

        Assert.DoesNotContain("guestfs_noscan", scan, StringComparison.Ordinal);
        Assert.Equal(scan + " guestfs_noscan=1", noScan);
        Assert.DoesNotContain("guestfs_noscan", snapshot, StringComparison.Ordinal);   // the trigger says it after the restore
    }

    [Fact]
    public void Build_Firmware_PassedWithBiosOnlyWhenGiven()
    {
        IReadOnlyList<string> withQboot = QemuCommandLine.Build(s_appliance, [], Parameters(), kvm: false, "/s", firmware: "/usr/share/qemu/qboot.rom");

        Assert.Equal("/usr/share/qemu/qboot.rom", ValueAfter(withQboot, "-bios"));
        Assert.DoesNotContain("-bios", Build());
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("qboot=0", false)]
    [InlineData("machine=pc", true)]
    [InlineData("machine=pc-q35-7.2", true)]
    [InlineData("machine=microvm", false)]
    public void NormalBootFirmware_QbootBesideQemuUnlessTurnedOffOrAnotherMachine(string setting, bool qboot)
    {
        string prefix = Directory.CreateTempSubdirectory("gfs-qemu-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(prefix, "bin"));
            Directory.CreateDirectory(Path.Combine(prefix, "share", "qemu"));
            string qemu = Path.Combine(prefix, "bin", "qemu-system-x86_64");
            File.WriteAllText(qemu, string.Empty);
            var settings = new Dictionary<string, string>();
            if (setting.Length > 0)
            {
                string[] kv = setting.Split('=', 2);
                settings[kv[0]] = kv[1];
            }

            Assert.Null(QemuFirmware.NormalBootFirmware(qemu, settings));   // qemu without qboot: its default firmware
            File.WriteAllText(Path.Combine(prefix, "share", "qemu", QemuFirmware.QbootFile), string.Empty);

            Assert.Equal(qboot ? Path.Combine(prefix, "share", "qemu", QemuFirmware.QbootFile) : null, QemuFirmware.NormalBootFirmware(qemu, settings));
        }
        finally
        {
            Directory.Delete(prefix, recursive: true);
        }
    }

    [Fact]
    public void Build_UserDrives_AreScsiDisksInOrderWithTheirFormats()
    {
        IReadOnlyList<string> args = Build(
            new ResolvedDrive(new DriveSpec("/img/a.qcow2"), "qcow2", Probed: true),
            new ResolvedDrive(new DriveSpec("/img/b.raw") { Format = "raw" }, "raw", Probed: false));

        Assert.Equal("file=/img/a.qcow2,format=qcow2,if=none,id=hd0,cache=writeback", ValueAfter(args, "-drive", 0));
        Assert.Equal("file=/img/b.raw,format=raw,if=none,id=hd1,cache=writeback", ValueAfter(args, "-drive", 1));
        Assert.Equal("virtio-scsi-pci,id=scsi", ValueAfter(args, "-device", 0));
        Assert.Equal("scsi-hd,bus=scsi.0,drive=hd0", ValueAfter(args, "-device", 1));
        Assert.Equal("scsi-hd,bus=scsi.0,drive=hd1", ValueAfter(args, "-device", 2));
    }

    [Fact]
    public void Build_ApplianceRoot_IsLastDriveReadOnlyBehindAnOverlay()
    {
        IReadOnlyList<string> args = Build(new ResolvedDrive(new DriveSpec("/img/a"), "raw", Probed: false));

        Assert.Equal("file=/cache/appliance.d/root,format=raw,if=none,id=appliance,cache=unsafe,snapshot=on", ValueAfter(args, "-drive", 1));
        Assert.Contains("virtio-blk-pci,drive=appliance", args);
    }

    [Fact]
    public void Build_DriveOptions_MapToQemuProperties()
    {
        var spec = new DriveSpec("/img/a,b") { Readonly = true, Cachemode = "unsafe", Discard = "besteffort", Copyonread = true, Label = "DATA_1", Blocksize = 4096 };
        IReadOnlyList<string> args = Build(new ResolvedDrive(spec, "raw", Probed: false));

        Assert.Equal("file=/img/a,,b,format=raw,if=none,id=hd0,cache=unsafe,snapshot=on,discard=unmap,copy-on-read=on", ValueAfter(args, "-drive", 0));
        Assert.Equal("scsi-hd,bus=scsi.0,drive=hd0,serial=DATA_1,logical_block_size=4096,physical_block_size=4096", ValueAfter(args, "-device", 1));
    }

    [Theory]
    [InlineData("json:{\"file\":{\"driver\":\"nbd\",\"host\":\"h\"}}")]
    [InlineData("nbd:localhost:10809")]
    [InlineData("fat:rw:dir")]
    [InlineData("a:b,c")]
    public void Build_RelativeDriveName_ReachesQemuAsAnAbsoluteFilePath(string name)
    {
        IReadOnlyList<string> args = Build(new ResolvedDrive(new DriveSpec(name), "raw", Probed: false));

        string expected = "file=" + QemuCommandLine.EscapeOptionValue(Path.Join(Environment.CurrentDirectory, name)) + ",format=raw,";
        Assert.StartsWith(expected, ValueAfter(args, "-drive", 0), StringComparison.Ordinal);
        Assert.StartsWith("/", expected["file=".Length..], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cachemode")]
    [InlineData("discard")]
    [InlineData("label")]
    public void Build_InvalidDriveOption_ThrowsUnsafeDrive(string which)
    {
        var spec = new DriveSpec("/img/a")
        {
            Cachemode = which == "cachemode" ? "none" : null,
            Discard = which == "discard" ? "always" : null,
            Label = which == "label" ? "bad,label" : null,
        };

        var error = Assert.Throws<UnsafeDriveException>(() => Build(new ResolvedDrive(spec, "raw", Probed: false)));
        Assert.Equal("/img/a", error.Filename);
    }

    [Fact]
    public void Build_Channel_IsTheDaemonPortOnOurSocket()
    {
        IReadOnlyList<string> args = Build();

        Assert.Contains("socket,path=/tmp/guestfs-x/guestfsd.sock,id=channel0", args);
        Assert.Contains($"virtserialport,bus=serial.0,chardev=channel0,name={QemuCommandLine.ChannelName}", args);
        Assert.Equal("stdio", ValueAfter(args, "-serial"));
        Assert.DoesNotContain("virtio-scsi-pci,id=scsi", args);
    }

    [Fact]
    public void Build_Settings_SetMemoryCpusAcceleratorAndNoNetworkByDefault()
    {
        IReadOnlyList<string> args = Build();

        Assert.Equal("1024", ValueAfter(args, "-m"));
        Assert.Equal("2", ValueAfter(args, "-smp"));
        Assert.Equal("tcg", ValueAfter(args, "-accel"));
        Assert.Equal(QemuCommandLine.TcgCpuModel, ValueAfter(args, "-cpu"));
        Assert.Equal(QemuCommandLine.DefaultMachine, ValueAfter(args, "-machine"));
        Assert.Equal("/cache/appliance.d/vmlinux", ValueAfter(args, "-kernel"));
        Assert.Contains("-no-reboot", args);
        Assert.DoesNotContain(args, a => a.StartsWith("user,", StringComparison.Ordinal) || a.Contains("netdev", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_NetworkAndKvm_AddUserNetworkingAndHostCpu()
    {
        IReadOnlyList<string> args = QemuCommandLine.Build(s_appliance, [], Parameters(network: true), kvm: true, "/s");

        Assert.Equal("kvm", ValueAfter(args, "-accel"));
        Assert.Equal("host", ValueAfter(args, "-cpu"));
        Assert.Contains("virtio-net-pci,netdev=usernet", args);
        Assert.Contains("guestfs_network=1", ValueAfter(args, "-append"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Build_CpuAndMachineSettings_WinOverTheDefaults(bool kvm)
    {
        LaunchParameters parameters = Parameters() with
        {
            BackendSettings = new Dictionary<string, string> { ["cpu"] = "max,la57=off", ["machine"] = "pc" },
        };
        IReadOnlyList<string> args = QemuCommandLine.Build(s_appliance, [], parameters, kvm, "/s");

        Assert.Equal("max,la57=off", ValueAfter(args, "-cpu"));
        Assert.Equal("pc", ValueAfter(args, "-machine"));
    }

    [Fact]
    public void BuildKernelCommandLine_VerboseAndAppend_AreHonoured()
    {
        string quiet = QemuCommandLine.BuildKernelCommandLine(s_appliance, Parameters());
        string verbose = QemuCommandLine.BuildKernelCommandLine(s_appliance, Parameters(verbose: true, append: "  guestfs_udev=1 "));

        Assert.Contains("root=UUID=01234567-89ab-cdef-0123-456789abcdef", quiet, StringComparison.Ordinal);
        Assert.Contains(" quiet", quiet, StringComparison.Ordinal);
        Assert.DoesNotContain("guestfs_verbose", quiet, StringComparison.Ordinal);
        Assert.Contains("guestfs_verbose=1", verbose, StringComparison.Ordinal);
        Assert.DoesNotContain(" quiet", verbose, StringComparison.Ordinal);
        Assert.EndsWith(" guestfs_udev=1", verbose, StringComparison.Ordinal);
    }
}
