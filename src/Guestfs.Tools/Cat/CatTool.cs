using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Cat;

/// <summary><c>virt-cat</c>: display files in a virtual machine (guestfs-tools <c>cat/cat.c</c>).</summary>
internal static class CatTool
{
    private static readonly Getopt s_getopt = new("a:c:d:m:vVx",
    [
        new("add", ArgumentKind.Required, 'a'),
        new("blocksize", ArgumentKind.Optional),
        new("connect", ArgumentKind.Required, 'c'),
        new("domain", ArgumentKind.Required, 'd'),
        new("echo-keys", ArgumentKind.None),
        new("format", ArgumentKind.Optional),
        new("help", ArgumentKind.None, LongOption.Help),
        new("key", ArgumentKind.Required),
        new("keys-from-stdin", ArgumentKind.None),
        new("long-options", ArgumentKind.None),
        new("mount", ArgumentKind.Required, 'm'),
        new("short-options", ArgumentKind.None),
        new("verbose", ArgumentKind.None, 'v'),
        new("version", ArgumentKind.None, 'V'),
    ]);

    /// <summary>Runs virt-cat.</summary>
    /// <param name="context">The context.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit status.</returns>
    public static async Task<int> RunAsync(ToolContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new StandardOptions(context, s_getopt, readOnly: true);
        var files = new List<string>();
        foreach (var option in s_getopt.Parse(args, files))
        {
            if (option.Key == "help")
            {
                throw new ToolExitException(string.Empty, 0) { Output = Help(context.Name) };
            }

            if (!options.Handle(option))
            {
                throw new UsageException();
            }
        }

        options.TakeOldStyleDrives(files, keep: 1);
        if (files.Count < 1)
        {
            throw new UsageException();
        }

        options.CheckConsumed();
        if (options.Drives.Count == 0)
        {
            context.Stderr.Write($"{context.Name}: error: you must specify at least one -a or -d option.\n");
            throw new UsageException();
        }

        await using var session = await GuestSession.OpenAsync(context, options, MountMode.MountsOrInspect, cancellationToken).ConfigureAwait(false);
        var errors = 0;
        foreach (var file in files)
        {
            try
            {
                await session.Handle.DownloadAsync(file, context.Stdout, null, cancellationToken).ConfigureAwait(false);
            }
            catch (GuestfsException e)
            {
                await context.Stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
                context.Stderr.Write(GuestSession.LibraryErrorLine(e));
                errors++;
            }
        }

        return errors == 0 ? 0 : 1;
    }

    private static string Help(string name) => $"""
        {name}: display files in a virtual machine
        Copyright (C) 2010 Red Hat Inc.
        Usage:
          {name} [--options] -d domname file [file ...]
          {name} [--options] -a disk.img [-a disk.img ...] file [file ...]
        Options:
          -a|--add image       Add image
          --blocksize[=512|4096]
                               Set sector size of the disk for -a option
          -c|--connect uri     Specify libvirt URI for -d option
          -d|--domain guest    Add disks from libvirt guest
          --echo-keys          Don't turn off echo for passphrases
          --format[=raw|..]    Force disk format for -a option
          --help               Display brief help
          --key selector       Specify a LUKS key
          --keys-from-stdin    Read passphrases from stdin
          -m|--mount dev[:mnt[:opts[:fstype]]]
                               Mount dev on mnt (if omitted, /)
          -v|--verbose         Verbose messages
          -V|--version         Display version and exit
          -x                   Trace libguestfs API calls
        For more information, see the manpage {name}(1).

        """;
}
