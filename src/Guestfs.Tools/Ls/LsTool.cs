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
    private static readonly Getopt s_getopt = new("a:c:d:hlm:RvVx",
    [
        new("add", ArgumentKind.Required, 'a'),
        new("blocksize", ArgumentKind.Optional),
        new("checksum", ArgumentKind.Optional),
        new("checksums", ArgumentKind.Optional),
        new("csv", ArgumentKind.None),
        new("connect", ArgumentKind.Required, 'c'),
        new("domain", ArgumentKind.Required, 'd'),
        new("echo-keys", ArgumentKind.None),
        new("extra-stat", ArgumentKind.None),
        new("extra-stats", ArgumentKind.None),
        new("format", ArgumentKind.Optional),
        new("help", ArgumentKind.None, LongOption.Help),
        new("human-readable", ArgumentKind.None, 'h'),
        new("json", ArgumentKind.None),
        new("key", ArgumentKind.Required),
        new("keys-from-stdin", ArgumentKind.None),
        new("long", ArgumentKind.None, 'l'),
        new("long-options", ArgumentKind.None),
        new("mount", ArgumentKind.Required, 'm'),
        new("recursive", ArgumentKind.None, 'R'),
        new("short-options", ArgumentKind.None),
        new("time", ArgumentKind.None),
        new("times", ArgumentKind.None),
        new("time-days", ArgumentKind.None),
        new("time-relative", ArgumentKind.None),
        new("time-t", ArgumentKind.None),
        new("uid", ArgumentKind.None),
        new("uids", ArgumentKind.None),
        new("verbose", ArgumentKind.None, 'v'),
        new("version", ArgumentKind.None, 'V'),
    ]);

    /// <summary>Runs virt-ls.</summary>
    /// <param name="context">The context.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit status.</returns>
    public static async Task<int> RunAsync(ToolContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new StandardOptions(context, s_getopt, readOnly: true);
        var settings = new LsSettings { Now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
        var directories = new List<string>();
        foreach (var option in s_getopt.Parse(args, directories))
        {
            if (options.Handle(option))
            {
                continue;
            }

            switch (option.Key)
            {
                case "help":
                    throw new ToolExitException(string.Empty, 0) { Output = Help(context.Name) };
                case "checksum":
                case "checksums":
                    settings.Checksum = string.IsNullOrEmpty(option.Value) ? "md5" : option.Value;
                    break;
                case "csv":
                    settings.Csv = true;
                    break;
                case "extra-stat":
                case "extra-stats":
                    settings.ExtraStats = true;
                    break;
                case "time":
                case "times":
                    settings.Times = true;
                    break;
                case "time-t":
                    settings.Times = true;
                    settings.TimeStyle = TimeStyle.Seconds;
                    break;
                case "time-relative":
                    settings.Times = true;
                    settings.TimeStyle = TimeStyle.SecondsAgo;
                    break;
                case "time-days":
                    settings.Times = true;
                    settings.TimeStyle = TimeStyle.DaysAgo;
                    break;
                case "uid":
                case "uids":
                    settings.Uids = true;
                    break;
                case "json":
                    settings.Json = true;
                    break;
                case "h":
                    settings.Human = true;
                    break;
                case "l":
                    settings.Long = true;
                    break;
                case "R":
                    settings.Recursive = true;
                    break;
                default:
                    throw new UsageException();
            }
        }

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

        if (options.Drives.Count == 0)
        {
            context.Stderr.Write($"{context.Name}: error: you must specify at least one -a or -d option.\n");
            throw new UsageException();
        }

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
