using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Filesystems;

/// <summary>
/// <c>virt-filesystems</c>: list filesystems, partitions, block devices, LVM in a VM (guestfs-tools
/// <c>cat/filesystems.c</c>), plus <c>--json</c>.
/// </summary>
internal static class FilesystemsTool
{
    private static readonly Getopt s_getopt = OptionTable.Create(
        "a:c:d:hlvVx",
        "add all blkdevs block-devices blocksize connect csv domain echo-keys extra filesystems format help human-readable json keys-from-stdin logical-volumes logvols long long-options lvs no-title parts partitions physical-volumes physvols pvs short-options uuid uuids verbose version vgs volgroups volume-groups",
        new("all", ArgumentKind.None),
        new("blkdevs", ArgumentKind.None),
        new("block-devices", ArgumentKind.None),
        new("extra", ArgumentKind.None),
        new("filesystems", ArgumentKind.None),
        new("logical-volumes", ArgumentKind.None),
        new("logvols", ArgumentKind.None),
        new("lvs", ArgumentKind.None),
        new("no-title", ArgumentKind.None),
        new("parts", ArgumentKind.None),
        new("partitions", ArgumentKind.None),
        new("physical-volumes", ArgumentKind.None),
        new("physvols", ArgumentKind.None),
        new("pvs", ArgumentKind.None),
        new("uuids", ArgumentKind.None),
        new("vgs", ArgumentKind.None),
        new("volgroups", ArgumentKind.None),
        new("volume-groups", ArgumentKind.None));

    /// <summary>Runs virt-filesystems.</summary>
    /// <param name="context">The context.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit status.</returns>
    public static async Task<int> RunAsync(ToolContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new StandardOptions(context, s_getopt, readOnly: true, Help);
        var output = DeviceKinds.None;
        bool csv = false, json = false, human = false, longMode = false, noTitle = false, uuid = false;
        var operands = options.Parse(args, option =>
        {
            switch (option.Key)
            {
                case "all":
                    output = DeviceKinds.All;
                    return true;
                case "blkdevs" or "block-devices":
                    output |= DeviceKinds.BlockDevices;
                    return true;
                case "csv":
                    csv = true;
                    return true;
                case "json":
                    json = true;
                    return true;
                case "extra":
                    output |= DeviceKinds.Filesystems | DeviceKinds.ExtraFilesystems;
                    return true;
                case "filesystems":
                    output |= DeviceKinds.Filesystems;
                    return true;
                case "logical-volumes" or "logvols" or "lvs":
                    output |= DeviceKinds.LogicalVolumes;
                    return true;
                case "no-title":
                    noTitle = true;
                    return true;
                case "parts" or "partitions":
                    output |= DeviceKinds.Partitions;
                    return true;
                case "physical-volumes" or "physvols" or "pvs":
                    output |= DeviceKinds.PhysicalVolumes;
                    return true;
                case "uuid" or "uuids":
                    uuid = true;
                    return true;
                case "vgs" or "volgroups" or "volume-groups":
                    output |= DeviceKinds.VolumeGroups;
                    return true;
                case "h":
                    human = true;
                    return true;
                case "l":
                    longMode = true;
                    return true;
                default:
                    return false;
            }
        });
        StandardOptions.RejectOperands(operands);
        options.CheckConsumed();
        if (human && csv)
        {
            throw context.Fail("you cannot use -h and --csv options together.");
        }

        if (output == DeviceKinds.None)
        {
            output = DeviceKinds.Filesystems;
        }

        var columns = Columns.Name;
        if (longMode || json)
        {
            columns |= Columns.Type | Columns.Size | Columns.Parents;
            if (output.HasFlag(DeviceKinds.Filesystems))
            {
                columns |= Columns.VfsType | Columns.VfsLabel;
            }

            if (output.HasFlag(DeviceKinds.Partitions))
            {
                columns |= Columns.Mbr;
            }

            if (uuid)
            {
                columns |= Columns.Uuid;
            }
        }

        options.RequireDrives();

        await using var session = await GuestSession.OpenAsync(context, options, MountMode.None, cancellationToken).ConfigureAwait(false);
        var rows = await new DeviceLister(session.Handle, context, columns).ListAsync(output, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            DeviceTable.WriteJson(context.Stdout, rows, columns);
        }
        else
        {
            string text = csv
                ? DeviceTable.Csv(rows, columns, title: longMode && !noTitle)
                : DeviceTable.Text(rows, columns, title: longMode && !noTitle, human);
            await context.Stdout.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private static string Help(string name) => $"""
        {name}: list filesystems, partitions, block devices, LVM in a VM
        Copyright (C) 2010 Red Hat Inc.
        Usage:
          {name} [--options] -d domname
          {name} [--options] -a disk.img [-a disk.img ...]
        Options:
          -a|--add image       Add image
          --all                Display everything
          --blkdevs|--block-devices
                               Display block devices
          --blocksize[=512|4096]
                               Set sector size of the disk for -a option
          -c|--connect uri     Specify libvirt URI for -d option
          --csv                Output as Comma-Separated Values
          -d|--domain guest    Add disks from libvirt guest
          --echo-keys          Don't turn off echo for passphrases
          --extra              Display swap and data filesystems
          --filesystems        Display mountable filesystems
          --format[=raw|..]    Force disk format for -a option
          -h|--human-readable  Human-readable sizes in --long output
          --help               Display brief help
          --keys-from-stdin    Read passphrases from stdin
          -l|--long            Long output
          --lvs|--logvols|--logical-volumes
                               Display LVM logical volumes
          --no-title           No title in --long output
          --parts|--partitions Display partitions
          --pvs|--physvols|--physical-volumes
                               Display LVM physical volumes
          --uuid|--uuids       Add UUIDs to --long output
          -v|--verbose         Verbose messages
          -V|--version         Display version and exit
          --vgs|--volgroups|--volume-groups
                               Display LVM volume groups
          -x                   Trace libguestfs API calls
        For more information, see the manpage {name}(1).

        """;
}

/// <summary>What virt-filesystems lists (its <c>OUTPUT_*</c> bits), in the order it lists them.</summary>
[Flags]
internal enum DeviceKinds
{
    /// <summary>Nothing chosen yet.</summary>
    None = 0,

    /// <summary>Mountable filesystems.</summary>
    Filesystems = 1,

    /// <summary>Also swap and unknown filesystems.</summary>
    ExtraFilesystems = 2,

    /// <summary>Partitions.</summary>
    Partitions = 4,

    /// <summary>Whole block devices.</summary>
    BlockDevices = 8,

    /// <summary>LVM logical volumes.</summary>
    LogicalVolumes = 16,

    /// <summary>LVM volume groups.</summary>
    VolumeGroups = 32,

    /// <summary>LVM physical volumes.</summary>
    PhysicalVolumes = 64,

    /// <summary><c>--all</c>.</summary>
    All = int.MaxValue,
}

/// <summary>The columns of virt-filesystems, in display order.</summary>
[Flags]
internal enum Columns
{
    /// <summary>The device name (always shown).</summary>
    Name = 1,

    /// <summary>filesystem, lv, vg, pv, partition or device.</summary>
    Type = 2,

    /// <summary>The filesystem type (with <c>--filesystems</c>).</summary>
    VfsType = 4,

    /// <summary>The filesystem label (with <c>--filesystems</c>).</summary>
    VfsLabel = 8,

    /// <summary>The MBR partition type byte (with <c>--partitions</c>).</summary>
    Mbr = 16,

    /// <summary>The size in bytes, or human-readable with <c>-h</c>.</summary>
    Size = 32,

    /// <summary>The parent devices.</summary>
    Parents = 64,

    /// <summary>The UUID (with <c>--uuid</c>).</summary>
    Uuid = 128,
}
