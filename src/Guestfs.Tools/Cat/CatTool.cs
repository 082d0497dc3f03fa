using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Cat;

/// <summary>
/// <c>virt-cat</c>: display files in a virtual machine (guestfs-tools <c>cat/cat.c</c>); in an inspected Windows
/// guest the files are named as in Windows (a drive letter, backslashes, any case).
/// </summary>
internal static class CatTool
{
    private static readonly Getopt s_getopt = OptionTable.Create(
        "a:c:d:m:vVx",
        "add blocksize connect domain echo-keys format help key keys-from-stdin long-options mount short-options verbose version");

    /// <summary>Runs virt-cat.</summary>
    /// <param name="context">The context.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit status.</returns>
    public static async Task<int> RunAsync(ToolContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new StandardOptions(context, s_getopt, readOnly: true, Help);
        var files = options.Parse(args);
        options.TakeFileOperands(files);

        await using var session = await GuestSession.OpenAsync(context, options, MountMode.MountsOrInspect, cancellationToken).ConfigureAwait(false);
        var windows = await session.IsWindowsAsync(cancellationToken).ConfigureAwait(false);
        var errors = 0;
        foreach (var given in files)
        {
            // Stock counts a Windows path that does not resolve (its error printed) and goes on with the next file.
            var file = windows ? await session.TryResolveWindowsPathAsync(given, cancellationToken).ConfigureAwait(false) : given;
            if (file is null || !await session.TryDownloadToStdoutAsync(file, cancellationToken).ConfigureAwait(false))
            {
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
