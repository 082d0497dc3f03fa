using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Diff;

/// <summary>
/// <c>virt-diff</c>: list the differences between two virtual machines (guestfs-tools <c>diff/diff.c</c>). Each
/// guest is inspected, mounted read-only and walked from <c>/</c>; the two walks are merged by path, and each file
/// added (<c>+</c>), deleted (<c>-</c>), with changed content (<c>=</c> and a <c>diff -u</c>) or changed status
/// (<c>-</c>, <c>+</c>, <c># changed:</c> and the fields) is printed.
/// </summary>
internal static class DiffTool
{
    private static readonly Getopt s_getopt = OptionTable.Create(
        "a:A:c:d:D:hvVx",
        "add all atime blocksize checksum checksums csv connect dir-link dir-links dir-nlink dir-nlinks dir-time dir-times domain echo-keys extra-stat extra-stats format help human-readable long-options key keys-from-stdin short-options time times time-days time-relative time-t uid uids verbose version xattr xattrs",
        new("all", ArgumentKind.None),
        new("atime", ArgumentKind.None),
        new("dir-link", ArgumentKind.None),
        new("dir-links", ArgumentKind.None),
        new("dir-nlink", ArgumentKind.None),
        new("dir-nlinks", ArgumentKind.None),
        new("dir-time", ArgumentKind.None),
        new("dir-times", ArgumentKind.None),
        new("xattr", ArgumentKind.None),
        new("xattrs", ArgumentKind.None));

    /// <summary>Runs virt-diff.</summary>
    /// <param name="context">The context.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit status.</returns>
    public static async Task<int> RunAsync(ToolContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new StandardOptions(context, s_getopt, readOnly: true, Help);
        var settings = new DiffSettings { Now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
        var second = new List<DriveOption>();
        var operands = options.Parse(args, option =>
        {
            switch (option.Key)
            {
                case "A":
                    options.AddDrive(second, option.Value!);
                    return true;
                case "D":
                    // The second guest's -d: the same libvirt error.
                    return options.Handle(option with { Key = "d" });
                default:
                    return settings.Handle(option);
            }
        });
        options.RequireDrives();
        if (second.Count == 0)
        {
            throw new UsageException("error: you must specify at least one -A or -D option.");
        }

        if (settings.Human && settings.Csv)
        {
            throw context.ErrorCall("you cannot use -h and --csv options together.");
        }

        StandardOptions.RejectOperands(operands, "--checksum or --format");

        options.CheckConsumed();

        var errors = 0;
        await using var first = await GuestSession.OpenAsync(context, options, MountMode.MountsOrInspect, cancellationToken).ConfigureAwait(false);
        var tree1 = await WalkAsync(context, first.Handle, settings, options.Verbose > 0, cancellationToken).ConfigureAwait(false);
        errors += tree1 is null ? 1 : 0;
        await using var other = await GuestSession.OpenAsync(context, options, MountMode.MountsOrInspect, cancellationToken, second).ConfigureAwait(false);
        var tree2 = await WalkAsync(context, other.Handle, settings, options.Verbose > 0, cancellationToken).ConfigureAwait(false);
        errors += tree2 is null ? 1 : 0;
        if (tree1 is not null && tree2 is not null)
        {
            var output = new DiffOutput(context, settings, options.Verbose > 0);
            await output.CompareAsync(first.Handle, tree1, other.Handle, tree2, cancellationToken).ConfigureAwait(false);
        }

        return errors == 0 ? 0 : 1;
    }

    /// <summary>Every file under <c>/</c> in the walk's order, with the fields diff.c flattens already flattened.</summary>
    private static async Task<List<DiffFile>?> WalkAsync(ToolContext context, GuestfsHandle g, DiffSettings settings, bool verbose, CancellationToken cancellationToken)
    {
        var files = new List<DiffFile>();
        try
        {
            await GuestVisitor.VisitAsync(g, "/", async (directory, name, stat, xattrs) =>
            {
                var path = GuestVisitor.FullPath(directory, name);
                string? checksum = null;
                if (settings.Checksum is { } type && GuestVisitor.FileType(stat.StMode) == 0x8000)
                {
                    checksum = await g.ChecksumAsync(type, path, cancellationToken).ConfigureAwait(false);
                }

                var directoryEntry = GuestVisitor.IsDirectory(stat.StMode);
                if (!settings.Atime)
                {
                    stat = stat with { StAtimeSec = 0, StAtimeNsec = 0 };
                }

                if (!settings.DirLinks && directoryEntry)
                {
                    stat = stat with { StNlink = 0 };
                }

                if (!settings.DirTimes && directoryEntry)
                {
                    stat = stat with { StAtimeSec = 0, StAtimeNsec = 0, StMtimeSec = 0, StMtimeNsec = 0, StCtimeSec = 0, StCtimeNsec = 0 };
                }

                files.Add(new DiffFile(path, stat, xattrs, checksum));
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (GuestfsException e)
        {
            context.Stderr.Write(GuestSession.LibraryErrorLine(e));
            return null;
        }
        catch (VisitException e)
        {
            context.Stderr.Write($"{context.Name}: {e.Message}\n");
            return null;
        }

        if (verbose)
        {
            context.Stderr.Write($"read {files.Count} entries from guest\n");
        }

        return files;
    }

    private static string Help(string name) => $"""
        {name}: list differences between virtual machines
        Copyright (C) 2010-2020 Red Hat Inc.
        Usage:
          {name} [--options] -d domain1 -D domain2
          {name} [--options] -a disk1.img -A disk2.img [-a|-A ...]
        Options:
          -a|--add image       Add image from first guest
          --all                Same as: --extra-stats --times --uids --xattrs
          --atime              Don't ignore access time changes
          -A image             Add image from second guest
          --blocksize[=512|4096]
                               Set sector size of the disk for -a or -A option
          --checksum[=...]     Use checksum of file content
          -c|--connect uri     Specify libvirt URI for -d option
          --csv                Comma-Separated Values output
          --dir-links          Don't ignore directory nlink changes
          --dir-times          Don't ignore directory time changes
          -d|--domain guest    Add disks from first libvirt guest
          -D guest             Add disks from second libvirt guest
          --echo-keys          Don't turn off echo for passphrases
          --extra-stats        Display extra stats
          --format[=raw|..]    Force disk format for -a or -A option
          --help               Display brief help
          -h|--human-readable  Human-readable sizes in output
          --key selector       Specify a LUKS key
          --keys-from-stdin    Read passphrases from stdin
          --times              Display file times
          --time-days          Display file times as days before now
          --time-relative      Display file times as seconds before now
          --time-t             Display file times as time_t's
          --uids               Display UID, GID
          -v|--verbose         Verbose messages
          -V|--version         Display version and exit
          -x                   Trace libguestfs API calls
          --xattrs             Display extended attributes
        For more information, see the manpage {name}(1).

        """;
}
