using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends.Direct;
using Gfish.Commands;
using Gfish.Parsing;

namespace Gfish.Execution;

/// <content>The commands guestfish implements itself rather than in the library.</content>
internal sealed partial class Shell
{
    /// <summary>The commands the shell implements itself, for <c>help</c> and <c>-h</c>.</summary>
    public static readonly IReadOnlyList<LocalCommandInfo> LocalCommands =
    [
        new("alloc", "allocate and add a disk file", "alloc filename size",
            "Creates a local file of the given size filled with zeros and adds it as a drive. The size takes suffixes such as \"1M\" or \"2G\".",
            ["allocate"]),
        new("copy-in", "copy local files or directories into an image", "copy-in local [local ...] /remotedir",
            "Copies each local file or directory, recursively, into the existing guest directory named last (library action copy_in for each). Wildcards are not expanded.",
            []),
        new("copy-out", "copy remote files or directories out of an image", "copy-out remote [remote ...] localdir",
            "Copies each guest file or directory, recursively, into the existing local directory named last (library action copy_out for each). Special files and setuid bits are not copied to the host.",
            []),
        new("display", "display an image", "display filename [program]",
            "Downloads an image file from the guest and opens it with a local viewer: the program given, else $GUESTFISH_DISPLAY_IMAGE, else \"display\".",
            []),
        new("echo", "display a line of text", "echo [params ...]", "Prints its arguments separated by single spaces.", []),
        new("exit", "quit guestfish", "exit", "Ends the session.", []),
        new("glob", "expand wildcards in command", "glob command args...",
            "Expands the wildcards of every absolute-path argument in the guest, then runs the command once for each combination of matches. A pattern that matches nothing is passed as written.",
            []),
        new("help", "display a list of commands or help on a command", "help [cmd]", "Without an argument, explains how to start; with a command name, shows that command's help.", []),
        new("lcd", "change working directory", "lcd directory",
            "Changes the local working directory of the shell (a \"!cd\" would only change it for that one shell command).", []),
        new("quit", "quit guestfish", "quit", "Ends the session.", ["q"]),
        new("reopen", "close and reopen libguestfs handle", "reopen",
            "Closes the handle and opens a fresh, unconfigured one. Rarely needed, since the handle is closed on exit.", []),
        new("setenv", "set an environment variable", "setenv VAR value", "Sets a variable in the shell's own environment, seen by later local commands.", []),
        new("sparse", "create a sparse disk image and add", "sparse filename size",
            "Like \"alloc\", but the file is sparse: it takes no disk space until blocks are written.", []),
        new("supported", "list supported groups of commands", "supported",
            "Lists the optional groups of commands and whether this appliance supports each (library action available).", []),
        new("time", "print elapsed time taken to run a command", "time command args...",
            "Runs the command, then prints how long it took.", []),
        new("unsetenv", "unset an environment variable", "unsetenv VAR", "Removes a variable from the shell's own environment.", []),
        .. InteractiveCommandList(),
    ];

    private async Task<ShellStatus?> TryRunLocalAsync(string name, IReadOnlyList<string> args, Stream output, CancellationToken cancellationToken)
    {
        bool Is(string canonical) => CommandCatalog.NameMatches(name, canonical);

        if (Is("echo"))
        {
            WriteText(output, string.Join(' ', args) + "\n");
            return ShellStatus.Ok;
        }

        if (Is("exit") || Is("quit") || Is("q"))
        {
            return ShellStatus.Exit;
        }

        if (Is("help"))
        {
            return Help(args, output);
        }

        if (Is("lcd"))
        {
            if (args.Count != 1)
            {
                _stderr.WriteLine("use 'lcd directory' to change local directory");
                return ShellStatus.Error;
            }

            try
            {
                Directory.SetCurrentDirectory(args[0]);
                return ShellStatus.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _stderr.WriteLine($"{args[0]}: {LocalFileException.Describe(e)}");
                return ShellStatus.Error;
            }
        }

        if (Is("setenv"))
        {
            if (args.Count != 2)
            {
                _stderr.WriteLine("use 'setenv VAR value' to set an environment variable");
                return ShellStatus.Error;
            }

            Environment.SetEnvironmentVariable(args[0], args[1]);
            return ShellStatus.Ok;
        }

        if (Is("unsetenv"))
        {
            if (args.Count != 1)
            {
                _stderr.WriteLine("use 'unsetenv VAR' to unset an environment variable");
                return ShellStatus.Error;
            }

            Environment.SetEnvironmentVariable(args[0], null);
            return ShellStatus.Ok;
        }

        if (Is("time"))
        {
            if (args.Count == 0)
            {
                _stderr.WriteLine("use 'time command [args...]'");
                return ShellStatus.Error;
            }

            var watch = Stopwatch.StartNew();
            var status = await DispatchAsync(args[0], args.Skip(1).ToArray(), output, cancellationToken).ConfigureAwait(false);
            if (status != ShellStatus.Ok)
            {
                return status;
            }

            var hundredths = (long)watch.Elapsed.TotalMilliseconds / 10;
            WriteText(output, string.Create(CultureInfo.InvariantCulture, $"elapsed time: {hundredths / 100}.{hundredths % 100:00} seconds\n"));
            return ShellStatus.Ok;
        }

        if (Is("reopen"))
        {
            if (args.Count != 0)
            {
                _stderr.WriteLine("‘reopen’ command takes no parameters");
                return ShellStatus.Error;
            }

            await _session.DisposeAsync().ConfigureAwait(false);
            _session = _sessions.Create();
            return await ApplyHandleSettingsAsync(_verbose, cancellationToken).ConfigureAwait(false) ? ShellStatus.Ok : ShellStatus.Error;
        }

        if (Is("sparse") || Is("alloc") || Is("allocate"))
        {
            return await AllocateAsync(name, args, sparse: Is("sparse"), cancellationToken).ConfigureAwait(false);
        }

        if (Is("glob"))
        {
            return await GlobAsync(args, output, cancellationToken).ConfigureAwait(false);
        }

        if (Is("copy-in"))
        {
            return await CopyEachAsync("copy_in", args, "use 'copy-in <local> [<local>...] <remotedir>' to copy files into the image", cancellationToken)
                .ConfigureAwait(false);
        }

        if (Is("copy-out"))
        {
            return await CopyEachAsync("copy_out", args, "use 'copy-out <remote> [<remote>...] <localdir>' to copy files out of the image", cancellationToken)
                .ConfigureAwait(false);
        }

        if (Is("display"))
        {
            return await DisplayAsync(args, cancellationToken).ConfigureAwait(false);
        }

        if (Is("supported"))
        {
            return await SupportedAsync(output, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private ShellStatus Help(IReadOnlyList<string> args, Stream output)
    {
        if (args.Count == 0)
        {
            WriteText(output, """
                Add disk images to examine using the ‘-a’ or ‘-d’ options, or the ‘add’
                command.
                Or create a new disk image using ‘-N’, or the ‘alloc’ or ‘sparse’ commands.
                Once you have done this, use the ‘run’ command.

                For more information about a command, use ‘help cmd’.

                To read the manual, type ‘man’.

                """);
            return ShellStatus.Ok;
        }

        var name = args[0];
        var local = LocalCommands.FirstOrDefault(l => l.Matches(name));
        if (local is not null)
        {
            WriteText(output, local.HelpText());
            return ShellStatus.Ok;
        }

        if (!_catalog.TryGetCommand(name, out var command))
        {
            _stderr.WriteLine($"{name}: command not known: use -h to list all commands");
            return ShellStatus.Error;
        }

        WriteText(output, HelpText(command));
        return ShellStatus.Ok;
    }

    /// <summary>The detailed help of an action, laid out as guestfish's <c>help CMD</c>.</summary>
    /// <param name="command">The action.</param>
    /// <returns>The text.</returns>
    public static string HelpText(CommandInfo command)
    {
        var sb = new StringBuilder();
        sb.Append("NAME\n    ").Append(command.DisplayName).Append(" - ").Append(command.Summary).Append("\n\n");
        sb.Append("SYNOPSIS\n     ").Append(command.Usage).Append("\n\n");
        sb.Append("DESCRIPTION\n");
        foreach (var line in Wrap(command.Description, 72))
        {
            sb.Append(line.Length == 0 ? string.Empty : "    " + line).Append('\n');
        }

        sb.Append('\n');
        foreach (var alias in command.Aliases)
        {
            sb.Append("    You can use '").Append(alias.Replace('_', '-')).Append("' as an alias for this command.\n\n");
        }

        if (command.DeprecatedBy is { } replacement)
        {
            sb.Append("    This function is deprecated. In new code, use the \"").Append(replacement).Append("\" call instead.\n\n");
        }

        return sb.ToString();
    }

    /// <summary>The command list of <c>-h</c>.</summary>
    /// <param name="catalog">The actions.</param>
    /// <returns>The text.</returns>
    public static string CommandList(ICommandCatalog catalog)
    {
        var sb = new StringBuilder("    Command              Description\n");
        var entries = LocalCommands.Select(l => (l.Name, l.Summary))
            .Concat(catalog.Commands.Select(c => (Name: c.DisplayName, c.Summary)))
            .OrderBy(e => e.Name, StringComparer.Ordinal);
        foreach (var (name, summary) in entries)
        {
            sb.Append(name.PadRight(20)).Append(' ').Append(summary).Append('\n');
        }

        sb.Append("    Use -h <cmd> / help <cmd> to show detailed help for a command.\n");
        return sb.ToString();
    }

    /// <summary>Wraps text at spaces, keeping its line breaks.</summary>
    /// <param name="text">The text.</param>
    /// <param name="width">The maximum line width.</param>
    /// <returns>The lines.</returns>
    internal static IEnumerable<string> Wrap(string text, int width)
    {
        foreach (var paragraph in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    yield return line.ToString();
                    line.Clear();
                }

                if (line.Length > 0)
                {
                    line.Append(' ');
                }

                line.Append(word);
            }

            yield return line.ToString();
        }
    }

    private async Task<ShellStatus> AllocateAsync(string name, IReadOnlyList<string> args, bool sparse, CancellationToken cancellationToken)
    {
        if (args.Count != 2)
        {
            _stderr.WriteLine(sparse ? "use 'sparse file size' to create a sparse image" : "use 'alloc file size' to create an image");
            return ShellStatus.Error;
        }

        long size;
        try
        {
            size = IntegerParser.ParseInt64(name, "size", args[1]);
        }
        catch (ConversionException e)
        {
            _stderr.WriteLine(e.Message);
            return ShellStatus.Error;
        }

        try
        {
            ScratchDisks.CreateRaw(args[0], size, preallocate: !sparse);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            _stderr.WriteLine($"{name}: {args[0]}: {LocalFileException.Describe(e)}");
            return ShellStatus.Error;
        }

        var (ok, _) = await CallByNameAsync("add_drive", [args[0]], new Dictionary<string, object?> { ["format"] = "raw" }, cancellationToken).ConfigureAwait(false);
        return ok ? ShellStatus.Ok : ShellStatus.Error;
    }

    private async Task<ShellStatus> GlobAsync(IReadOnlyList<string> args, Stream output, CancellationToken cancellationToken)
    {
        if (args.Count == 0)
        {
            _stderr.WriteLine("use 'glob command [args...]'");
            return ShellStatus.Error;
        }

        // Each argument that is an absolute path is expanded in the guest; one that matches nothing stays as written.
        var choices = new List<IReadOnlyList<string>>();
        foreach (var arg in args.Skip(1))
        {
            if (!arg.StartsWith('/'))
            {
                choices.Add([arg]);
                continue;
            }

            var (ok, value) = await CallByNameAsync("glob_expand", [arg], null, cancellationToken).ConfigureAwait(false);
            if (!ok)
            {
                _stderr.WriteLine($"glob: guestfs_glob_expand call failed: {arg}");
                return ShellStatus.Error;
            }

            var matches = ((IEnumerable<string>?)value ?? []).ToArray();
            choices.Add(matches.Length == 0 ? [arg] : matches);
        }

        var result = ShellStatus.Ok;
        foreach (var combination in Product(choices))
        {
            var status = await DispatchAsync(args[0], combination, output, cancellationToken).ConfigureAwait(false);
            if (status == ShellStatus.Exit)
            {
                return status;
            }

            if (status == ShellStatus.Error)
            {
                result = ShellStatus.Error;
            }
        }

        return result;
    }

    private static IEnumerable<IReadOnlyList<string>> Product(List<IReadOnlyList<string>> choices)
    {
        IEnumerable<IReadOnlyList<string>> result = [Array.Empty<string>()];
        foreach (var options in choices)
        {
            result = result.SelectMany(prefix => options.Select(o => (IReadOnlyList<string>)[.. prefix, o]));
        }

        return result;
    }

    /// <summary><c>copy-in</c> / <c>copy-out</c>: the library action once per source, the last argument the target directory.</summary>
    private async Task<ShellStatus> CopyEachAsync(string action, IReadOnlyList<string> args, string usage, CancellationToken cancellationToken)
    {
        if (args.Count < 2)
        {
            _stderr.WriteLine(usage);
            return ShellStatus.Error;
        }

        string target = args[^1];
        for (int i = 0; i < args.Count - 1; i++)
        {
            var (ok, _) = await CallByNameAsync(action, [args[i], target], null, cancellationToken).ConfigureAwait(false);
            if (!ok)
            {
                return ShellStatus.Error;
            }
        }

        return ShellStatus.Ok;
    }

    private async Task<ShellStatus> DisplayAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (args.Count is < 1 or > 2)
        {
            _stderr.WriteLine("display filename");
            return ShellStatus.Error;
        }

        var program = args.Count == 2 ? args[1] : Environment.GetEnvironmentVariable("GUESTFISH_DISPLAY_IMAGE") ?? "display";
        var local = Path.Combine(Path.GetTempPath(), "gfish-display-" + Guid.NewGuid().ToString("N") + Path.GetExtension(args[0]));
        try
        {
            await using (FileStream file = SecureFile.Open(local, FileMode.CreateNew, FileAccess.Write))
            {
                var (ok, _) = await CallByNameAsync("download", [args[0], file], null, cancellationToken).ConfigureAwait(false);
                if (!ok)
                {
                    return ShellStatus.Error;
                }
            }

            var status = await RunLocalShellAsync($"{program} '{local.Replace("'", "'\\''", StringComparison.Ordinal)}'", exitOnError: true, cancellationToken).ConfigureAwait(false);
            return status;
        }
        finally
        {
            File.Delete(local);
        }
    }
}
