using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Tools.Cat;
using Guestfs.Tools.Common;
using Guestfs.Tools.Df;
using Guestfs.Tools.Diff;
using Guestfs.Tools.Edit;
using Guestfs.Tools.Filesystems;
using Guestfs.Tools.Fleet;
using Guestfs.Tools.Fish;
using Guestfs.Tools.Inspector;
using Guestfs.Tools.Log;
using Guestfs.Tools.Ls;

namespace Guestfs.Tools;

/// <summary>
/// Entry point: <c>guestfs-tools NAME ARGS...</c>, or <c>virt-NAME ARGS...</c> when the process was started under that
/// name (a link or <c>exec -a</c>).
/// </summary>
internal static class Program
{
    /// <summary>The tools, by the name after <c>virt-</c>. Adding a tool is adding a line here (see README.md).</summary>
    public static readonly IReadOnlyList<ToolEntry> Tools =
    [
        new("cat", CatTool.RunAsync),
        new("ls", LsTool.RunAsync),
        new("copy-out", FishCommandTool.CopyOutAsync),
        new("copy-in", FishCommandTool.CopyInAsync),
        new("tar-out", FishCommandTool.TarOutAsync),
        new("tar-in", FishCommandTool.TarInAsync),
        new("inspector", InspectorTool.RunAsync),
        new("filesystems", FilesystemsTool.RunAsync),
        new("df", DfTool.RunAsync),
        new("log", LogTool.RunAsync),
        new("edit", EditTool.RunAsync),
        new("diff", DiffTool.RunAsync),
        new("fleet", FleetTool.RunAsync, "guestfs-fleet"), // not a virt-* tool: eng/guestfs-fleet runs `guestfs-tools fleet`
    ];

    /// <summary>Runs a tool.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The exit status.</returns>
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        await using var stdout = Console.OpenStandardOutput();
        var stderr = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true };
        await using (stderr.ConfigureAwait(false))
        {
            var argv0 = InvokedArgv0();
            var (entry, rest) = Select(argv0 is null ? null : Path.GetFileName(argv0), args);
            if (entry is null)
            {
                await stderr.WriteAsync(Usage()).ConfigureAwait(false);
                return 1;
            }

            var context = new ToolContext(entry.ProgramName, stdout, stderr, Console.In)
            {
                Argv0 = rest.Count == args.Length && argv0 is not null ? argv0 : entry.ProgramName,
            };
            try
            {
                return await entry.InvokeAsync(context, rest, cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                return 1;
            }
        }
    }

    /// <summary>Finds the tool: by the invoked name when it is <c>virt-NAME</c>, else by the first argument.</summary>
    /// <param name="invokedName">The base name the process was started under, or null.</param>
    /// <param name="args">The command line.</param>
    /// <returns>The tool (null when none matches) and its arguments.</returns>
    public static (ToolEntry? Entry, IReadOnlyList<string> Args) Select(string? invokedName, IReadOnlyList<string> args)
    {
        if (invokedName is not null && invokedName.StartsWith("virt-", StringComparison.Ordinal) && Find(invokedName) is { } byName)
        {
            return (byName, args);
        }

        return args.Count > 0 && Find(args[0]) is { } byArgument
            ? (byArgument, args.Skip(1).ToArray())
            : (null, args);
    }

    private static ToolEntry? Find(string name)
    {
        var stem = name.StartsWith("virt-", StringComparison.Ordinal) ? name[5..] : name;
        return Tools.FirstOrDefault(t => t.Name == stem);
    }

    /// <summary>argv[0] as invoked (the .NET host does not expose it; Linux's /proc does).</summary>
    private static string? InvokedArgv0()
    {
        try
        {
            var cmdline = File.ReadAllBytes("/proc/self/cmdline");
            var end = Array.IndexOf(cmdline, (byte)0);
            return Encoding.UTF8.GetString(cmdline, 0, end < 0 ? cmdline.Length : end);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Usage() =>
        "usage: guestfs-tools NAME [ARGS...]   (or run as virt-NAME [ARGS...])\ntools: "
        + string.Join(' ', Tools.Select(t => t.ProgramName)) + "\n";
}
