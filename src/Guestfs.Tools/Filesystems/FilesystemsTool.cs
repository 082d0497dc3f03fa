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
    private static readonly Getopt s_getopt = new("a:c:d:hlvVx",
    [
        new("add", ArgumentKind.Required, 'a'),
        new("all", ArgumentKind.None),
        new("blkdevs", ArgumentKind.None),
        new("block-devices", ArgumentKind.None),
        new("blocksize", ArgumentKind.Optional),
        new("connect", ArgumentKind.Required, 'c'),
        new("csv", ArgumentKind.None),
        new("domain", ArgumentKind.Required, 'd'),
        new("echo-keys", ArgumentKind.None),
        new("extra", ArgumentKind.None),
        new("filesystems", ArgumentKind.None),
        new("format", ArgumentKind.Optional),
        new("help", ArgumentKind.None, LongOption.Help),
        new("human-readable", ArgumentKind.None, 'h'),
        new("json", ArgumentKind.None),
        new("keys-from-stdin", ArgumentKind.None),
        new("logical-volumes", ArgumentKind.None),
        new("logvols", ArgumentKind.None),
        new("long", ArgumentKind.None, 'l'),
        new("long-options", ArgumentKind.None),
        new("lvs", ArgumentKind.None),
        new("no-title", ArgumentKind.None),
        new("parts", ArgumentKind.None),
        new("partitions", ArgumentKind.None),
        new("physical-volumes", ArgumentKind.None),
        new("physvols", ArgumentKind.None),
        new("pvs", ArgumentKind.None),
        new("short-options", ArgumentKind.None),
        new("uuid", ArgumentKind.None),
        new("uuids", ArgumentKind.None),
        new("verbose", ArgumentKind.None, 'v'),
        new("version", ArgumentKind.None, 'V'),
        new("vgs", ArgumentKind.None),
        new("volgroups", ArgumentKind.None),
        new("volume-groups", ArgumentKind.None),
    ]);

    /// <summary>Runs virt-filesystems.</summary>
    /// <param name="context">The context.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit status.</returns>
    public static async Task<int> RunAsync(ToolContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new StandardOptions(context, s_getopt, readOnly: true);
        var operands = new List<string>();
        var output = DeviceKinds.None;
        bool csv = false, json = false, human = false, longMode = false, noTitle = false, uuid = false;
        foreach (var option in s_getopt.Parse(args, operands))
        {
            switch (option.Key)
            {
                case "help":
                    throw new ToolExitException(string.Empty, 0) { Output = Help(context.Name) };
                case "all":
                    output = DeviceKinds.All;
                    break;
                case "blkdevs" or "block-devices":
                    output |= DeviceKinds.BlockDevices;
                    break;
                case "csv":
                    csv = true;
                    break;
                case "json":
                    json = true;
                    break;
                case "extra":
                    output |= DeviceKinds.Filesystems | DeviceKinds.ExtraFilesystems;
                    break;
                case "filesystems":
                    output |= DeviceKinds.Filesystems;
                    break;
                case "logical-volumes" or "logvols" or "lvs":
                    output |= DeviceKinds.LogicalVolumes;
                    break;
                case "no-title":
                    noTitle = true;
                    break;
                case "parts" or "partitions":
                    output |= DeviceKinds.Partitions;
                    break;
                case "physical-volumes" or "physvols" or "pvs":
                    output |= DeviceKinds.PhysicalVolumes;
                    break;
                case "uuid" or "uuids":
                    uuid = true;
                    break;
                case "vgs" or "volgroups" or "volume-groups":
                    output |= DeviceKinds.VolumeGroups;
                    break;
                case "h":
                    human = true;
                    break;
                case "l":
                    longMode = true;
                    break;
                default:
                    if (!options.Handle(option))
                    {
                        throw new UsageException();
                    }

                    break;
            }
        }

        if (operands.Count > 0)
        {
            context.Stderr.Write($"{context.Name}: error: extra argument ‘{operands[0]}’ on command line.\nMake sure to specify the argument for --format like '--format={operands[0]}'.\n");
            throw new UsageException();
        }

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

        if (options.Drives.Count == 0)
        {
            context.Stderr.Write($"{context.Name}: error: you must specify at least one -a or -d option.\n");
            throw new UsageException();
        }

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
