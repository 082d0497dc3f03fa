using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Edit;

/// <summary>
/// <c>virt-edit</c>: edit a file in a virtual machine (guestfs-tools <c>edit/edit.c</c> with libguestfs-common's
/// <c>file-edit.c</c>): the file is downloaded, changed by <c>$EDITOR</c> (else <c>vi</c>) or by a Perl expression run
/// on each line (<c>-e</c>, with the host's <c>perl</c>, as stock), and written back beside the original with its
/// permissions, owner and SELinux label, then renamed over it (the original kept as <c>-b</c>'s backup).
/// </summary>
internal static class EditTool
{
    // The Perl program stock runs for -e; the expression comes in through the environment, not the command line.
    private const string PerlProgram =
        "$lineno = 0; $expr = $ENV{virt_edit_expr}; while (<STDIN>) {   $lineno++;   eval $expr;   die if $@;   print STDOUT $_ or die \"print: $!\"; } close STDOUT or die \"close: $!\"; ";

    private static readonly Getopt s_getopt = OptionTable.Create(
        "a:b:c:d:e:m:vVx",
        "add backup blocksize connect domain echo-keys edit expr format help key keys-from-stdin long-options mount short-options verbose version",
        new("backup", ArgumentKind.Required, 'b'),
        new("edit", ArgumentKind.Required, 'e'),
        new("expr", ArgumentKind.Required, 'e'));

    /// <summary>Runs virt-edit.</summary>
    /// <param name="context">The context.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit status.</returns>
    public static async Task<int> RunAsync(ToolContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new StandardOptions(context, s_getopt, readOnly: false, Help);
        string? backup = null;
        string? expression = null;
        var files = options.Parse(args, option =>
        {
            switch (option.Key)
            {
                case "b":
                    backup = backup is null ? option.Value : throw context.ErrorCall("-b option given multiple times");
                    return true;
                case "e":
                    expression = expression is null ? option.Value : throw context.ErrorCall("-e option given multiple times");
                    return true;
                default:
                    return false;
            }
        });
        options.TakeFileOperands(files);

        await using var session = await GuestSession.OpenAsync(context, options, MountMode.MountsOrInspect, cancellationToken).ConfigureAwait(false);
        var g = session.Handle;
        var windows = await session.IsWindowsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var given in files)
        {
            // Stock ends the run on a Windows path that does not resolve.
            var file = windows
                ? await session.TryResolveWindowsPathAsync(given, cancellationToken).ConfigureAwait(false) ?? throw new ToolExitException(string.Empty)
                : given;
            var changed = expression is not null
                ? await EditWithPerlAsync(context, g, file, expression, backup, options.Verbose > 0, cancellationToken).ConfigureAwait(false)
                : await EditWithEditorAsync(context, g, file, backup, options.Verbose > 0, cancellationToken).ConfigureAwait(false);
            if (!changed)
            {
                await context.Stdout.WriteAsync("File not changed.\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            }
        }

        // Unmount cleanly so that everything written reaches the disk.
        await GuestSession.OrExit(g.ShutdownAsync(cancellationToken)).ConfigureAwait(false);
        return 0;
    }

    /// <summary><c>edit_file_editor</c>: returns false when the editor left the file as it was.</summary>
    private static async Task<bool> EditWithEditorAsync(ToolContext context, GuestfsHandle g, string file, string? backup, bool verbose, CancellationToken cancellationToken)
    {
        var editor = context.GetEnvironmentVariable("EDITOR") ?? "vi";
        using var local = await DownloadAsync(g, file, cancellationToken).ConfigureAwait(false);

        // Back-date the copy so that an edit within the same second still shows as a change.
        var written = File.GetLastWriteTimeUtc(local.Path).AddSeconds(-5);
        File.SetLastAccessTimeUtc(local.Path, File.GetLastAccessTimeUtc(local.Path).AddSeconds(-5));
        File.SetLastWriteTimeUtc(local.Path, written);
        var before = Stamp(local.Path);

        var command = $"{editor} {local.Path}";
        if (verbose)
        {
            context.Stderr.Write(command + "\n");
        }

        if (await HostCommand.ShellAsync(command, null, null, cancellationToken).ConfigureAwait(false) != 0)
        {
            // Stock reports this with perror, whose errno is left over from before it ran the editor (EINVAL with
            // glibc 2.36).
            throw new ToolExitException($"{command}: Invalid argument\n");
        }

        if (Stamp(local.Path) == before)
        {
            return false;
        }

        await UploadAsync(g, file, local.Path, backup, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary><c>edit_file_perl</c>: the expression run by the host's Perl on each line (<c>$_</c>, <c>$lineno</c>).</summary>
    private static async Task<bool> EditWithPerlAsync(ToolContext context, GuestfsHandle g, string file, string expression, string? backup, bool verbose, CancellationToken cancellationToken)
    {
        using var local = await DownloadAsync(g, file, cancellationToken).ConfigureAwait(false);
        var output = local.Path + ".out";
        try
        {
            var command = $"perl -e '{PerlProgram}' < {local.Path} > {output}";
            if (verbose)
            {
                context.Stderr.Write(command + "\n");
            }

            var environment = new Dictionary<string, string> { ["virt_edit_expr"] = expression };
            if (await HostCommand.ShellAsync(command, null, environment, cancellationToken).ConfigureAwait(false) != 0)
            {
                throw new ToolExitException(string.Empty);
            }

            File.Move(output, local.Path, overwrite: true);
            await UploadAsync(g, file, local.Path, backup, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>The file's content in a private temporary file (<c>$TMPDIR</c>, else <c>/tmp</c>).</summary>
    private static async Task<PrivateTemporaryFile> DownloadAsync(GuestfsHandle g, string file, CancellationToken cancellationToken)
    {
        var local = new PrivateTemporaryFile("libguestfs", "file");
        try
        {
            await using (var stream = new FileStream(local.Path, FileMode.Open, FileAccess.Write))
            {
                await GuestSession.OrExit(g.DownloadAsync(file, stream, null, cancellationToken)).ConfigureAwait(false);
            }

            return local;
        }
        catch
        {
            local.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <c>do_upload</c>: the new content goes to a randomly named file beside the real one (symbolic links resolved),
    /// which takes the old file's attributes and then its name; the old file becomes the backup when asked.
    /// </summary>
    private static async Task UploadAsync(GuestfsHandle g, string file, string local, string? backup, CancellationToken cancellationToken)
    {
        var real = await GuestSession.OrExit(g.RealpathAsync(file, cancellationToken)).ConfigureAwait(false);
        var temporary = real[..(real.LastIndexOf('/') + 1)] + RandomName(8);
        await GuestSession.OrExit(g.UploadAsync(local, temporary, null, cancellationToken)).ConfigureAwait(false);
        await GuestSession.OrExit(g.CopyAttributesAsync(real, temporary, new CopyAttributesOptions { All = true }, cancellationToken)).ConfigureAwait(false);
        if (backup is not null)
        {
            await GuestSession.OrExit(g.MvAsync(real, real + backup, cancellationToken)).ConfigureAwait(false);
        }

        await GuestSession.OrExit(g.MvAsync(temporary, real, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary><c>guestfs_int_random_string</c>: lower-case letters and digits.</summary>
    private static string RandomName(int length)
    {
        const string Characters = "abcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(Characters, length);
    }

    /// <summary>
    /// What shows an edit: the modification time (back-dated before the editor ran) and the size. Stock compares the
    /// status-change time, which .NET does not expose; any write moves both.
    /// </summary>
    private static (DateTime Written, long Size) Stamp(string path)
    {
        var info = new FileInfo(path);
        return (info.LastWriteTimeUtc, info.Length);
    }

    private static string Help(string name) => $"""
        {name}: Edit a file in a virtual machine
        Copyright (C) 2009-2020 Red Hat Inc.
        Usage:
          {name} [--options] -d domname file [file ...]
          {name} [--options] -a disk.img [-a disk.img ...] file [file ...]
        Options:
          -a|--add image        Add image
          -b|--backup .ext      Backup original as original.ext
          --blocksize[=512|4096]
                               Set sector size of the disk for -a option
          -c|--connect uri      Specify libvirt URI for -d option
          -d|--domain guest     Add disks from libvirt guest
          --echo-keys           Don't turn off echo for passphrases
          -e|--edit|--expr expr Non-interactive editing using Perl expr
          --format[=raw|..]     Force disk format for -a option
          --help                Display brief help
          --key selector       Specify a LUKS key
          --keys-from-stdin     Read passphrases from stdin
          -m|--mount dev[:mnt[:opts[:fstype]]]
                                Mount dev on mnt (if omitted, /)
          -v|--verbose          Verbose messages
          -V|--version          Display version and exit
          -x                    Trace libguestfs API calls
        For more information, see the manpage {name}(1).

        """;
}
