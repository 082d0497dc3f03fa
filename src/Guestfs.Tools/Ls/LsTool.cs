using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Ls;

/// <summary>
/// <c>virt-ls</c>: list files in a virtual machine (guestfs-tools <c>cat/ls.c</c>), plus <c>--json</c>: the same
/// listing as one JSON array.
/// </summary>
internal static class LsTool
{
    private static readonly Getopt s_getopt = OptionTable.Create(
        "a:c:d:hlm:RvVx",
        "add blocksize checksum checksums csv connect domain echo-keys extra-stat extra-stats format help human-readable json key keys-from-stdin long long-options mount recursive short-options time times time-days time-relative time-t uid uids verbose version",
        new LongOption("recursive", ArgumentKind.None, 'R'));

    /// <summary>Runs virt-ls.</summary>
    /// <param name="context">The context.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit status.</returns>
    public static async Task<int> RunAsync(ToolContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new StandardOptions(context, s_getopt, readOnly: true, Help);
        var settings = new LsSettings { Now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
        var directories = options.Parse(args, settings.Handle);
        options.TakeOldStyleDrives(directories, keep: 1);
        options.CheckConsumed();
        var longRecursive = settings.Long && settings.Recursive;
        if (!longRecursive && (settings.Csv || settings.Human || settings.Uids || settings.Times || settings.ExtraStats || settings.Checksum is not null))
        {
            throw context.ErrorCall("used a flag which can only be combined with -lR mode\nFor more information, read the virt-ls(1) man page.");
        }

        if (settings.Human && settings.Csv)
        {
            throw context.ErrorCall("you cannot use -h and --csv options together.");
        }

        if (settings.Json && (settings.Csv || (settings.Long && !settings.Recursive)))
        {
            throw context.ErrorCall("--json cannot be combined with --csv, or with -l without -R.");
        }

        if (directories.Count < 1)
        {
            throw new UsageException();
        }

        options.RequireDrives();

        await using var session = await GuestSession.OpenAsync(context, options, MountMode.MountsOrInspect, cancellationToken).ConfigureAwait(false);
        var listing = new LsListing(context, session.Handle, settings);
        return await listing.RunAsync(directories, cancellationToken).ConfigureAwait(false);
    }

    private static string Help(string name) => $"""
        {name}: list files in a virtual machine
        Copyright (C) 2010-2012 Red Hat Inc.
        Usage:
          {name} [--options] -d domname dir [dir ...]
          {name} [--options] -a disk.img [-a disk.img ...] dir [dir ...]
        Options:
          -a|--add image       Add image
          --blocksize[=512|4096]
                               Set sector size of the disk for -a option
          --checksum[=...]     Display file checksums
          -c|--connect uri     Specify libvirt URI for -d option
          --csv                Comma-Separated Values output
          -d|--domain guest    Add disks from libvirt guest
          --echo-keys          Don't turn off echo for passphrases
          --extra-stats        Display extra stats
          --format[=raw|..]    Force disk format for -a option
          --help               Display brief help
          -h|--human-readable  Human-readable sizes in output
          --key selector       Specify a LUKS key
          --keys-from-stdin    Read passphrases from stdin
          -l|--long            Long listing
          -m|--mount dev[:mnt[:opts[:fstype]]]
                               Mount dev on mnt (if omitted, /)
          -R|--recursive       Recursive listing
          --times              Display file times
          --time-days          Display file times as days before now
          --time-relative      Display file times as seconds before now
          --time-t             Display file times as time_t's
          --uids               Display UID, GID
          -v|--verbose         Verbose messages
          -V|--version         Display version and exit
          -x                   Trace libguestfs API calls
        For more information, see the manpage {name}(1).

        """;
}
