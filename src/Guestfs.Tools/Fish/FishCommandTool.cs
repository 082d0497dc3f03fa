using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Fish;

/// <summary>
/// <c>virt-copy-in</c>, <c>virt-copy-out</c>, <c>virt-tar-in</c> and <c>virt-tar-out</c>. Stock, each is a script
/// running <c>guestfish --rw|--ro -i COMMAND ARGS...</c>: guestfish's options, inspection and mounting, then one
/// guestfish command (libguestfs <c>fish/copy.c</c> and the generated <c>tar-in</c>/<c>tar-out</c>). Beyond stock:
/// <c>-z</c> on the tar tools means <c>compress:gzip</c>.
/// </summary>
internal static class FishCommandTool
{
    private static readonly Getopt s_getopt = OptionTable.Create(
        "a:c:d:Df:h::im:nN:rvVwxz",
        "add blocksize cmd-help connect csh domain echo-keys file format help inspector key keys-from-stdin listen live long-options mount network new no-dest-paths no-sync pipe-error progress-bars no-progress-bars remote ro rw selinux short-options verbose version",
        new("cmd-help", ArgumentKind.Optional, 'h'),
        new("csh", ArgumentKind.None),
        new("file", ArgumentKind.Required, 'f'),
        new("inspector", ArgumentKind.None, 'i'),
        new("listen", ArgumentKind.None),
        new("live", ArgumentKind.None),
        new("network", ArgumentKind.None),
        new("new", ArgumentKind.Required, 'N'),
        new("no-dest-paths", ArgumentKind.None),
        new("no-sync", ArgumentKind.None, 'n'),
        new("pipe-error", ArgumentKind.None),
        new("progress-bars", ArgumentKind.None),
        new("no-progress-bars", ArgumentKind.None),
        new("remote", ArgumentKind.Optional),
        new("ro", ArgumentKind.None, 'r'),
        new("rw", ArgumentKind.None, 'w'),
        new("selinux", ArgumentKind.None));

    /// <summary>Runs virt-copy-in.</summary>
    /// <param name="context">The context.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit status.</returns>
    public static Task<int> CopyInAsync(ToolContext context, IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        RunAsync(context, args, readOnly: false, RunCopyInAsync, cancellationToken);

    /// <summary>Runs virt-copy-out.</summary>
    /// <inheritdoc cref="CopyInAsync"/>
    public static Task<int> CopyOutAsync(ToolContext context, IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        RunAsync(context, args, readOnly: true, RunCopyOutAsync, cancellationToken);

    /// <summary>Runs virt-tar-in.</summary>
    /// <inheritdoc cref="CopyInAsync"/>
    public static Task<int> TarInAsync(ToolContext context, IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        RunAsync(context, args, readOnly: false, RunTarInAsync, cancellationToken);

    /// <summary>Runs virt-tar-out.</summary>
    /// <inheritdoc cref="CopyInAsync"/>
    public static Task<int> TarOutAsync(ToolContext context, IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        RunAsync(context, args, readOnly: true, RunTarOutAsync, cancellationToken);

    /// <summary>The libguestfs release whose guestfish the stock scripts run (<c>-V</c> prints it).</summary>
    private const string LibguestfsVersion = "1.48.6";

    private delegate Task<int> Command(ToolContext context, GuestfsHandle handle, IReadOnlyList<string> args, bool gzip, CancellationToken cancellationToken);

    private static async Task<int> RunAsync(ToolContext context, IReadOnlyList<string> args, bool readOnly, Command command, CancellationToken cancellationToken)
    {
        // The stock scripts show the manual page for --help anywhere on the command line.
        if (args.Contains("--help"))
        {
            throw Manual(context.Name);
        }

        var options = new StandardOptions(context, s_getopt, readOnly, help: null, LibguestfsVersion);
        var gzip = false;
        var operands = options.Parse(args, option => option.Key switch
        {
            "i" => true,
            "z" => gzip = true,
            "help" => throw Manual(context.Name),
            _ => throw context.Error($"option ‘{Spelling(option)}’ is not supported by {context.Name}"),
        });

        options.CheckConsumed();
        if (options.Drives.Count == 0)
        {
            throw new UsageException("error: you must specify at least one -a option.");
        }

        await using var session = await GuestSession.OpenAsync(context, options, MountMode.MountsOrInspect, cancellationToken).ConfigureAwait(false);
        try
        {
            return await command(context, session.Handle, operands, gzip, cancellationToken).ConfigureAwait(false);
        }
        catch (GuestfsException e)
        {
            context.Stderr.Write(GuestSession.LibraryErrorLine(e));
            return 1;
        }
    }

    private static string Spelling(ParsedOption option) => option.Key.Length == 1 ? "-" + option.Key : "--" + option.Key;

    private static async Task<int> RunCopyInAsync(ToolContext context, GuestfsHandle handle, IReadOnlyList<string> args, bool gzip, CancellationToken cancellationToken)
    {
        if (args.Count < 2)
        {
            context.Stderr.Write("use 'copy-in <local> [<local>...] <remotedir>' to copy files into the image\n");
            return 1;
        }

        var remote = RemotePath(context, args[^1]);
        foreach (var local in args.Take(args.Count - 1))
        {
            await handle.CopyInAsync(local, remote, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task<int> RunCopyOutAsync(ToolContext context, GuestfsHandle handle, IReadOnlyList<string> args, bool gzip, CancellationToken cancellationToken)
    {
        if (args.Count < 2)
        {
            context.Stderr.Write("use 'copy-out <remote> [<remote>...] <localdir>' to copy files out of the image\n");
            return 1;
        }

        foreach (var remote in args.Take(args.Count - 1))
        {
            await handle.CopyOutAsync(RemotePath(context, remote), args[^1], cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private const string TarInUsage = "tar-in tarfile directory [compress:..] [xattrs:true|false] [selinux:true|false] [acls:true|false]";
    private const string TarOutUsage = "tar-out directory tarfile [compress:..] [numericowner:true|false] [excludes:..] [xattrs:true|false] [selinux:true|false] [acls:true|false]";

    private static async Task<int> RunTarInAsync(ToolContext context, GuestfsHandle handle, IReadOnlyList<string> args, bool gzip, CancellationToken cancellationToken)
    {
        if (args.Count < 2 || args.Count > 6)
        {
            return WrongArguments(context, "tar-in", TarInUsage);
        }

        var optional = FishOptionalArguments.Parse("tar-in", args.Skip(2), ["compress", "xattrs", "selinux", "acls"]);
        var options = new TarInOptions
        {
            Compress = optional.String("compress") ?? (gzip ? "gzip" : null),
            Xattrs = optional.Bool("xattrs"),
            Selinux = optional.Bool("selinux"),
            Acls = optional.Bool("acls"),
        };
        var directory = RemotePath(context, args[1]);
        if (args[0] == "-")
        {
            await using var stdin = Console.OpenStandardInput();
            await handle.TarInAsync(stdin, directory, options, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await handle.TarInAsync(args[0], directory, options, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task<int> RunTarOutAsync(ToolContext context, GuestfsHandle handle, IReadOnlyList<string> args, bool gzip, CancellationToken cancellationToken)
    {
        if (args.Count < 2 || args.Count > 8)
        {
            return WrongArguments(context, "tar-out", TarOutUsage);
        }

        var optional = FishOptionalArguments.Parse("tar-out", args.Skip(2), ["compress", "numericowner", "excludes", "xattrs", "selinux", "acls"]);
        var options = new TarOutOptions
        {
            Compress = optional.String("compress") ?? (gzip ? "gzip" : null),
            Numericowner = optional.Bool("numericowner"),
            Excludes = optional.String("excludes")?.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Xattrs = optional.Bool("xattrs"),
            Selinux = optional.Bool("selinux"),
            Acls = optional.Bool("acls"),
        };
        var directory = RemotePath(context, args[0]);
        if (args[1] == "-")
        {
            await handle.TarOutAsync(directory, context.Stdout, options, cancellationToken).ConfigureAwait(false);
            await context.Stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await handle.TarOutAsync(directory, args[1], options, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private static int WrongArguments(ToolContext context, string command, string usage)
    {
        context.Stderr.Write($"error: incorrect number of arguments\nusage: {usage}\ntype 'help {command}' for more help on {command}\n");
        return 1;
    }

    /// <summary>guestfish's <c>win:</c> prefix names a Windows path; the tools here take guest paths only.</summary>
    private static string RemotePath(ToolContext context, string path) =>
        path.StartsWith("win:", StringComparison.OrdinalIgnoreCase)
            ? throw context.Error($"‘{path}’: win: paths are not supported; give the path in the guest's filesystem")
            : path;

    /// <summary>Shows the tool's manual page; the run ends with <c>man</c>'s exit status.</summary>
    private static ToolExitException Manual(string name)
    {
        using var man = Process.Start(new ProcessStartInfo("man", [name]) { UseShellExecute = false })
            ?? throw new ToolExitException($"{name}: cannot run man\n");
        man.WaitForExit();
        return new ToolExitException(string.Empty, man.ExitCode);
    }
}
