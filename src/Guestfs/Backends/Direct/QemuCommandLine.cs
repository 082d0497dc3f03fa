using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Builds the qemu command line and the appliance kernel command line. Pure functions of their inputs, so
/// they are unit-tested without starting anything.
/// </summary>
/// <remarks>
/// Layout: the user's drives are <c>scsi-hd</c> devices on one virtio-scsi controller, in the order added,
/// so the first is <c>/dev/sda</c>. The appliance root is a virtio-blk device (<c>/dev/vda</c>) opened
/// read-only behind a throwaway overlay; the daemon hides the disk its root lives on. Keeping the root off the
/// SCSI bus means the user's disks keep their names whatever the appliance needs, which a later launch mode
/// that attaches the user's disks to an already-running appliance relies on.
/// </remarks>
internal static class QemuCommandLine
{
    /// <summary>The virtio-serial port name the daemon opens.</summary>
    public const string ChannelName = "org.libguestfs.channel.0";

    /// <summary>The virtio-serial port the init of a snapshot launch waits on.</summary>
    public const string SnapshotPortName = "org.guestfs.snapshot.0";

    /// <summary>The machine type used unless the <c>machine</c> backend setting names another.</summary>
    public const string DefaultMachine = "q35";

    /// <summary>
    /// The CPU model under TCG unless the <c>cpu</c> backend setting names another. A plain x86-64 model: with
    /// <c>max</c> the guest's C library and kernel pick AVX2, XSAVE and similar paths that TCG emulates slowly, and
    /// uploads and downloads through the daemon ran about 1.4 times slower (docs/benchmarks.md).
    /// </summary>
    public const string TcgCpuModel = "qemu64";

    /// <summary>Builds qemu's arguments (without the program name).</summary>
    /// <param name="appliance">The appliance files.</param>
    /// <param name="drives">The user's drives, formats settled.</param>
    /// <param name="parameters">Memory, CPUs, network, append, verbose, backend settings.</param>
    /// <param name="kvm">Whether to use KVM (else TCG).</param>
    /// <param name="channelSocket">The unix socket the daemon channel connects to (we listen on it).</param>
    /// <param name="snapshot">The snapshot-launch changes, or <see langword="null"/> for a normal boot.</param>
    /// <param name="storageScan">
    /// Whether a normal boot runs the appliance's storage scan (<see cref="StorageSignatures.MustScan"/>); a restored
    /// appliance is told on its trigger instead.
    /// </param>
    /// <param name="firmware">The firmware file for <c>-bios</c> (<see cref="QemuFirmware"/>), or <see langword="null"/> for qemu's default.</param>
    /// <returns>The arguments.</returns>
    public static IReadOnlyList<string> Build(
        ApplianceFiles appliance, IReadOnlyList<ResolvedDrive> drives, LaunchParameters parameters, bool kvm, string channelSocket,
        SnapshotLayout? snapshot = null, bool storageScan = true, string? firmware = null)
    {
        string machine = parameters.BackendSettings.GetValueOrDefault("machine") is { Length: > 0 } m ? m : DefaultMachine;
        string cpu = parameters.BackendSettings.GetValueOrDefault("cpu") is { Length: > 0 } c ? c : kvm ? "host" : TcgCpuModel;
        var args = new List<string>
        {
            "-no-user-config", "-nodefaults", "-display", "none", "-no-reboot",
            "-machine", snapshot is null ? machine : $"{machine},memory-backend={SnapshotLayout.RamObjectId}",
            "-accel", kvm ? "kvm" : "tcg",
            "-cpu", cpu,
            "-m", parameters.MemsizeMb.ToString(CultureInfo.InvariantCulture),
            "-smp", Math.Max(1, parameters.Smp).ToString(CultureInfo.InvariantCulture),
            "-kernel", appliance.Kernel,
            "-initrd", appliance.Initrd,
            "-append", BuildKernelCommandLine(appliance, parameters)
                + (snapshot is not null ? " guestfs_snapshot=1" : storageScan ? string.Empty : " guestfs_noscan=1"),
        };

        if (firmware is not null)
        {
            args.Add("-bios");
            args.Add(firmware);
        }

        if (snapshot is not null)
        {
            args.Add("-object");
            args.Add(string.Create(CultureInfo.InvariantCulture,
                $"memory-backend-file,id={SnapshotLayout.RamObjectId},size={parameters.MemsizeMb}M,mem-path={EscapeOptionValue(snapshot.RamFile)},share={(snapshot.RamShared ? "on" : "off")}"));
        }

        if (drives.Count > 0 || snapshot is not null)
        {
            // A snapshot launch plugs the drives into the restored machine. Without hot-plug events the guest kernel
            // does not scan them by itself, concurrently and in any order: the init scans target 0, 1, … in turn,
            // so the names sda, sdb, … follow the order the drives were added.
            args.Add("-device");
            args.Add(snapshot is null ? "virtio-scsi-pci,id=scsi" : "virtio-scsi-pci,id=scsi,hotplug=off");
        }

        for (int i = 0; i < drives.Count; i++)
        {
            if (SecretObjectOption(drives[i], i) is { } secret)
            {
                args.Add("-object");
                args.Add(secret);
            }

            args.Add("-drive");
            args.Add(DriveOption(drives[i], i));
            args.Add("-device");
            args.Add(DeviceOption(drives[i].Spec, i));
        }

        args.Add("-drive");
        args.Add(snapshot is null
            ? $"file={EscapeOptionValue(appliance.Root)},format=raw,if=none,id=appliance,cache=unsafe,snapshot=on"
            : $"file={EscapeOptionValue(snapshot.RootOverlay)},format=qcow2,if=none,id=appliance,cache=unsafe" +
              (snapshot.RootWritable ? string.Empty : ",snapshot=on"));
        args.Add("-device");
        args.Add("virtio-blk-pci,drive=appliance");

        args.Add("-device");
        args.Add("virtio-serial-pci,id=serial");
        args.Add("-chardev");
        args.Add($"socket,path={EscapeOptionValue(channelSocket)},id=channel0");
        args.Add("-device");
        args.Add($"virtserialport,bus=serial.0,chardev=channel0,name={ChannelName}");
        if (snapshot is not null)
        {
            args.Add("-chardev");
            args.Add($"socket,path={EscapeOptionValue(snapshot.TriggerSocket)},id=snapshot0");
            args.Add("-device");
            args.Add($"virtserialport,bus=serial.0,chardev=snapshot0,name={SnapshotPortName}");
            args.Add("-chardev");
            args.Add($"socket,path={EscapeOptionValue(snapshot.QmpSocket)},id=qmp0");
            args.Add("-mon");
            args.Add("chardev=qmp0,mode=control");

            // A new generation ID on every restore (guid=auto makes one when qemu starts; qemu tells the guest
            // after the incoming migration), on which the guest kernel reseeds its random number generator.
            args.Add("-device");
            args.Add("vmgenid,guid=auto");
            if (snapshot.Incoming)
            {
                args.Add("-incoming");
                args.Add("defer");
            }
        }

        // The appliance console (kernel and init messages) on qemu's standard output.
        args.Add("-serial");
        args.Add("stdio");

        if (parameters.Network)
        {
            args.Add("-netdev");
            args.Add("user,id=usernet,net=169.254.0.0/16");
            args.Add("-device");
            args.Add("virtio-net-pci,netdev=usernet");
        }

        return args;
    }

    /// <summary>The appliance kernel command line.</summary>
    /// <param name="appliance">The appliance (its root UUID).</param>
    /// <param name="parameters">Verbose, network, SELinux, append.</param>
    /// <returns>The command line.</returns>
    public static string BuildKernelCommandLine(ApplianceFiles appliance, LaunchParameters parameters)
    {
        var line = new StringBuilder();
        void Add(string word)
        {
            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        Add("panic=1");                 // reboot (so qemu exits, -no-reboot) instead of hanging on a panic
        Add("console=ttyS0");
        Add("edd=off");
        Add("no_timer_check");
        Add("printk.time=1");
        Add("cgroup_disable=memory");
        Add("usbcore.nousb");
        Add("cryptomgr.notests");
        Add("tsc=reliable");
        Add("8250.nr_uarts=1");
        Add("scsi_mod.scan=sync");      // all SCSI targets are known when virtio_scsi finishes loading
        Add("udevtimeout=6000");        // the two udev timeouts matter only to appliances that run udev
        Add("udev.event-timeout=6000");
        Add("root=UUID=" + appliance.RootUuid);
        Add(parameters.Selinux ? "selinux=1 enforcing=0" : "selinux=0");
        if (parameters.Verbose)
        {
            Add("guestfs_verbose=1");
        }
        else
        {
            Add("quiet");               // the serial console is slow under emulation
        }

        if (parameters.Network)
        {
            Add("guestfs_network=1");
        }

        Add("TERM=linux");
        if (!string.IsNullOrWhiteSpace(parameters.Append))
        {
            Add(parameters.Append.Trim());
        }

        return line.ToString();
    }

    /// <summary>Doubles commas, as qemu's option syntax requires inside a value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The escaped value.</returns>
    public static string EscapeOptionValue(string value) => value.Replace(",", ",,", StringComparison.Ordinal);

    /// <summary>The <c>-drive</c> option value of user drive <paramref name="index"/> (also used for hot-plug).</summary>
    /// <param name="drive">The drive.</param>
    /// <param name="index">Its position.</param>
    /// <returns>The option value.</returns>
    internal static string DriveOption(ResolvedDrive drive, int index)
    {
        DriveSpec spec = drive.Spec;
        var option = new StringBuilder();
        if (spec.Remote is { } remote)
        {
            // Each driver option on its own: no URL or json: for qemu to parse again, values escaped.
            string? secretId = drive.SecretFile is null ? null : SecretId(index);
            foreach ((string key, string value) in RemoteDriveOptions.Build(remote, spec.Filename, secretId))
            {
                option.Append("file.").Append(key).Append('=').Append(EscapeOptionValue(value)).Append(',');
            }

            option.Length--;
        }
        else
        {
            // Absolute (DriveSpec makes it so): qemu reads a name starting with '/' as a file, never as json: or a protocol.
            option.Append("file=").Append(EscapeOptionValue(spec.Filename));
        }

        option.Append(",format=").Append(drive.Format);
        option.Append(",if=none,id=hd").Append(index.ToString(CultureInfo.InvariantCulture));
        option.Append(",cache=").Append(spec.Cachemode switch
        {
            null or "" or "writeback" => "writeback",
            "unsafe" => "unsafe",
            _ => throw new UnsafeDriveException(spec.Filename, $"launch: drive '{spec.DisplayName}': cachemode must be 'writeback' or 'unsafe', not '{spec.Cachemode}'"),
        });
        if (spec.Readonly)
        {
            // Read-only: qemu opens the image read-only beneath a temporary writable overlay that it deletes;
            // the appliance can write (journal replay), the image never changes.
            option.Append(",snapshot=on");
        }

        switch (spec.Discard)
        {
            case null or "" or "disable":
                break;
            case "enable" or "besteffort":
                option.Append(",discard=unmap");
                break;
            default:
                throw new UnsafeDriveException(spec.Filename, $"launch: drive '{spec.DisplayName}': discard must be 'disable', 'enable' or 'besteffort', not '{spec.Discard}'");
        }

        if (spec.Copyonread)
        {
            option.Append(",copy-on-read=on");
        }

        return option.ToString();
    }

    /// <summary>
    /// The <c>-object</c> value of the secret of user drive <paramref name="index"/> (also used for hot-plug): qemu
    /// reads it from the private file, so it is never on a command line.
    /// </summary>
    /// <param name="drive">The drive.</param>
    /// <param name="index">Its position.</param>
    /// <returns>The option value, or <see langword="null"/> when the drive has no secret.</returns>
    internal static string? SecretObjectOption(ResolvedDrive drive, int index) =>
        drive.SecretFile is null
            ? null
            : $"secret,id={SecretId(index)},format={RemoteDriveOptions.SecretFormat(drive.Spec.Remote!.Protocol)},file={EscapeOptionValue(drive.SecretFile)}";

    /// <summary>The id of the secret object of user drive <paramref name="index"/>.</summary>
    /// <param name="index">Its position.</param>
    /// <returns>The id.</returns>
    internal static string SecretId(int index) => "hdsecret" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The <c>-device</c> option value of user drive <paramref name="index"/> (also used for hot-plug).</summary>
    /// <param name="spec">The drive.</param>
    /// <param name="index">Its position.</param>
    /// <returns>The option value.</returns>
    internal static string DeviceOption(DriveSpec spec, int index)
    {
        var option = new StringBuilder("scsi-hd,bus=scsi.0,drive=hd");
        option.Append(index.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(spec.Label))
        {
            if (spec.Label.Length > 20 || !spec.Label.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new UnsafeDriveException(spec.Filename, $"launch: drive '{spec.DisplayName}': a label is 1 to 20 letters, digits or '_', not '{spec.Label}'");
            }

            // The appliance shows the label as /dev/disk/guestfs/LABEL, read from the SCSI serial number.
            option.Append(",serial=").Append(spec.Label);
        }

        if (spec.Blocksize > 0)
        {
            string size = spec.Blocksize.ToString(CultureInfo.InvariantCulture);
            option.Append(",logical_block_size=").Append(size).Append(",physical_block_size=").Append(size);
        }

        return option.ToString();
    }
}
