using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gfish.Cli;
using Gfish.Commands;
using Gfish.Execution;
using Gfish.Remote;
using Gfish.Terminal;
using Guestfs;

namespace Gfish;

/// <summary>The program: options, start-up steps (drives, launch, inspection, prepared disks, mounts), then commands.</summary>
internal sealed class GfishApp
{
    private readonly ICommandCatalog _catalog;
    private readonly ISessionFactory _sessions;
    private readonly Stream _stdout;
    private readonly TextWriter _stderr;
    private readonly TextReader _stdin;
    private readonly bool _stdinIsTerminal;

    /// <summary>Creates the program over its catalog, handle factory and standard streams.</summary>
    /// <param name="catalog">The actions.</param>
    /// <param name="sessions">Creates handles.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="stdin">Standard input.</param>
    /// <param name="stdinIsTerminal">Standard input is a terminal (interactive prompt).</param>
    public GfishApp(ICommandCatalog catalog, ISessionFactory sessions, Stream stdout, TextWriter stderr, TextReader stdin, bool stdinIsTerminal)
    {
        _catalog = catalog;
        _sessions = sessions;
        _stdout = stdout;
        _stderr = stderr;
        _stdin = stdin;
        _stdinIsTerminal = stdinIsTerminal;
    }

    /// <summary>The program name in messages.</summary>
    public const string ProgramName = "gfish";

    /// <summary>Runs the program.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit code.</returns>
    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        GfishOptions options;
        try
        {
            options = OptionParser.Parse(args);
        }
        catch (OptionException e)
        {
            _stderr.WriteLine($"{ProgramName}: {e.Message}");
            _stderr.WriteLine($"Try ‘{ProgramName} --help’ for more information.");
            return 1;
        }

        switch (options.Action)
        {
            case OptionAction.Usage:
                Write(UsageText.Usage);
                return 0;
            case OptionAction.Version:
                Write($"{ProgramName} {typeof(GfishApp).Assembly.GetName().Version?.ToString(3)}\n");
                return 0;
            case OptionAction.ScratchHelp:
                Write(UsageText.ScratchHelp);
                return 0;
            case OptionAction.CommandHelp:
                return CommandHelp(options.HelpCommand);
        }

        var listener = false;
        if (options.Listen)
        {
            if (ListenMode.Conflict(options.Remote is not null, options.Commands.Count > 0, options.ScriptFile is not null) is { } conflict)
            {
                _stderr.WriteLine($"{ProgramName}: {conflict}");
                return 1;
            }

            listener = ListenMode.IsListener();
            if (!listener)
            {
                return await ListenMode.StartListenerAsync(args, options.CshSyntax, new StreamWriter(_stdout), cancellationToken).ConfigureAwait(false);
            }
        }

        var remotePid = 0;
        if (options.Remote is not null && !ListenMode.TryGetRemotePid(options.Remote, out remotePid, out var remoteError))
        {
            _stderr.WriteLine($"{ProgramName}: {remoteError}");
            return 1;
        }

        var keys = new LuksKeyStore();
        try
        {
            options.Keys.ForEach(keys.Add);
        }
        catch (FormatException e)
        {
            _stderr.WriteLine($"{ProgramName}: {e.Message}");
            return 1;
        }

        // As guestfish, which reopens standard input on the -f file: keys read with --keys-from-stdin come from it.
        TextReader? scriptReader = null;
        if (options.ScriptFile is not null && options.Commands.Count == 0)
        {
            try
            {
                scriptReader = new StreamReader(options.ScriptFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _stderr.WriteLine($"{ProgramName}: {options.ScriptFile}: {LocalFileException.Describe(e)}");
                return 1;
            }
        }

        using var ownedScript = scriptReader;
        var keyInput = scriptReader ?? _stdin;
        var interactive = options.Commands.Count == 0 && options.ScriptFile is null && _stdinIsTerminal;
        var settings = new ShellSettings
        {
            ProgramName = ProgramName,
            Trace = options.Trace,
            Interactive = interactive,
            KeysFromStdin = options.KeysFromStdin,
            EchoKeys = options.EchoKeys,
            StdinIsTerminal = scriptReader is null && _stdinIsTerminal,
            NoSync = options.NoSync,
            PipeError = options.PipeError,
            ReadStdinLine = keyInput.ReadLine,
            ProgressBars = options.ProgressBars ?? (!Console.IsOutputRedirected && !Console.IsErrorRedirected),
        };
        await using var shell = new Shell(_catalog, _sessions, settings, _stdout, _stderr, Console.OpenStandardInput);
        if (options.ScriptFile is not null && options.Commands.Count == 0)
        {
            shell.SourceName = options.ScriptFile;
        }

        if (!await StartAsync(shell, options, keys, cancellationToken).ConfigureAwait(false))
        {
            return 1;
        }

        if (listener)
        {
            return await ListenMode.ServeAsync(shell, _stderr, cancellationToken).ConfigureAwait(false);
        }

        if (options.Remote is not null)
        {
            shell.Remote = new RemoteClient(remotePid, _stderr);
        }

        ShellStatus status;
        if (options.Commands.Count > 0)
        {
            status = ShellStatus.Ok;
            foreach (var command in options.Commands)
            {
                status = await shell.ExecuteCommandLineCommandAsync(command, cancellationToken).ConfigureAwait(false);
                if (status != ShellStatus.Ok)
                {
                    break;
                }
            }
        }
        else if (scriptReader is not null)
        {
            status = await shell.RunScriptAsync(scriptReader, exitOnError: true, cancellationToken).ConfigureAwait(false);
        }
        else if (interactive)
        {
            status = await InteractiveAsync(shell, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            status = await shell.RunScriptAsync(_stdin, exitOnError: true, cancellationToken).ConfigureAwait(false);
        }

        return status == ShellStatus.Error ? 1 : 0;
    }

    private async Task<bool> StartAsync(Shell shell, GfishOptions options, LuksKeyStore keys, CancellationToken cancellationToken)
    {
        if (!await shell.ApplyHandleSettingsAsync(options.Verbose, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (options.Network && !(await shell.CallByNameAsync("set_network", [true], null, cancellationToken).ConfigureAwait(false)).Ok)
        {
            return false;
        }

        // Drives in command-line order: the -a images, then the -N disks (guestfish keeps one list; -a and -N rarely mix).
        var drives = 0;
        foreach (var image in options.Images)
        {
            var optargs = new Dictionary<string, object?>();
            if (options.ReadOnly)
            {
                optargs["readonly"] = true;
            }

            if (image.Format is not null)
            {
                optargs["format"] = image.Format;
            }

            // -a URI: a network drive (nbd://, http://, ssh://, …), parsed as libguestfs's tools parse it.
            DriveUri uri;
            try
            {
                uri = DriveUri.Parse(image.Path);
            }
            catch (FormatException e)
            {
                _stderr.WriteLine($"{ProgramName}: {e.Message}");
                return false;
            }

            if (uri.Protocol != "file")
            {
                optargs["protocol"] = uri.Protocol;
                foreach ((string name, object? value) in (ReadOnlySpan<(string, object?)>)[("server", uri.Server), ("username", uri.Username), ("secret", uri.Password)])
                {
                    if (value is not null)
                    {
                        optargs[name] = value;
                    }
                }
            }

            if (!(await shell.CallByNameAsync("add_drive", [uri.Path], optargs, cancellationToken).ConfigureAwait(false)).Ok)
            {
                return false;
            }

            drives++;
        }

        var prepared = new List<(ScratchDiskSpec Spec, string Device)>();
        foreach (var disk in options.ScratchDisks)
        {
            try
            {
                ScratchDisks.CreateRaw(disk.FileName, disk.Size, preallocate: false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _stderr.WriteLine($"{ProgramName}: {disk.FileName}: {LocalFileException.Describe(e)}");
                return false;
            }

            if (!(await shell.CallByNameAsync("add_drive", [disk.FileName], new Dictionary<string, object?> { ["format"] = "raw" }, cancellationToken).ConfigureAwait(false)).Ok)
            {
                return false;
            }

            prepared.Add((disk, "/dev/sd" + DriveLetters(drives++)));
        }

        if (prepared.Count == 0 && options.Mounts.Count == 0 && !options.Inspect)
        {
            return true;
        }

        if (!(await shell.CallByNameAsync("launch", [], null, cancellationToken).ConfigureAwait(false)).Ok)
        {
            return false;
        }

        if (options.Inspect && !await InspectAndMountAsync(shell, options.ReadOnly, keys, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        foreach (var (spec, device) in prepared)
        {
            foreach (var (action, arguments) in spec.PreparationSteps(device))
            {
                if (!(await shell.CallByNameAsync(action, arguments, null, cancellationToken).ConfigureAwait(false)).Ok)
                {
                    _stderr.WriteLine($"{ProgramName}: error creating prepared disk image '{spec.Type}' on '{spec.FileName}'");
                    return false;
                }
            }
        }

        foreach (var mount in options.Mounts)
        {
            var mountOptions = mount.Options ?? (options.ReadOnly ? "ro" : string.Empty);
            var ok = mount.FilesystemType is not null
                ? (await shell.CallByNameAsync("mount_vfs", [mountOptions, mount.FilesystemType, mount.Device, mount.MountPoint], null, cancellationToken).ConfigureAwait(false)).Ok
                : (await shell.CallByNameAsync("mount_options", [mountOptions, mount.Device, mount.MountPoint], null, cancellationToken).ConfigureAwait(false)).Ok;
            if (!ok)
            {
                _stderr.WriteLine($"{ProgramName}: '{mount.Device}' could not be mounted.");
                return false;
            }
        }

        return true;
    }

    private async Task<bool> InspectAndMountAsync(Shell shell, bool readOnly, LuksKeyStore keys, CancellationToken cancellationToken)
    {
        if (!await shell.DecryptDisksAsync(keys, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var (ok, value) = await shell.CallByNameAsync("inspect_os", [], null, cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            return false;
        }

        var roots = ((IEnumerable<string>?)value ?? []).ToArray();
        if (roots.Length == 0)
        {
            _stderr.WriteLine($"{ProgramName}: no operating system was found on this disk");
            return false;
        }

        if (roots.Length > 1)
        {
            _stderr.WriteLine($"{ProgramName}: multi-boot operating systems are not supported");
            return false;
        }

        (ok, value) = await shell.CallByNameAsync("inspect_get_mountpoints", [roots[0]], null, cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            return false;
        }

        var mountpoints = value switch
        {
            IEnumerable<KeyValuePair<string, string>> pairs => pairs.ToList(),
            IEnumerable<string> flat => flat.Chunk(2).Select(c => new KeyValuePair<string, string>(c[0], c[1])).ToList(),
            _ => [],
        };

        // Shorter mount points first, so / is mounted before /boot.
        foreach (var (mountPoint, device) in mountpoints.OrderBy(m => m.Key.Length))
        {
            await shell.CallByNameAsync("mount_options", [readOnly ? "ro" : string.Empty, device, mountPoint], null, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private async Task<ShellStatus> InteractiveAsync(Shell shell, CancellationToken cancellationToken)
    {
        // GUESTFISH_INIT is printed before the banner and GUESTFISH_PS1 replaces the prompt, with guestfish's escapes.
        if (Environment.GetEnvironmentVariable("GUESTFISH_INIT") is { } init)
        {
            Write(PromptEscapes.Decode(init));
        }

        var prompt = Environment.GetEnvironmentVariable("GUESTFISH_PS1") is { } ps1 ? PromptEscapes.Printable(PromptEscapes.Decode(ps1)) : "><fs> ";
        Write("\nWelcome to gfish, the guest filesystem shell for\nediting virtual machine filesystems and disk images.\n\nType: ‘help’ for help on commands\n      ‘man’ to read the manual\n      ‘quit’ to quit the shell\n\n");
        await _stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        // GUESTFISH_OUTPUT is written after each line is read, before the command's output; GUESTFISH_RESTORE at the end.
        var output = Environment.GetEnvironmentVariable("GUESTFISH_OUTPUT") is { } o ? PromptEscapes.Decode(o) : null;
        var restore = Environment.GetEnvironmentVariable("GUESTFISH_RESTORE") is { } r ? PromptEscapes.Decode(r) : null;
        var editor = new LineEditor(HistoryFile(), shell);
        while (true)
        {
            var line = await editor.ReadLineAsync(prompt, cancellationToken).ConfigureAwait(false);
            if (output is not null)
            {
                Write(output);
            }

            if (line is null)
            {
                break;
            }

            shell.LineNumber++;
            if (await shell.ExecuteLineAsync(line, exitOnError: false, cancellationToken).ConfigureAwait(false) == ShellStatus.Exit)
            {
                break;
            }
        }

        editor.SaveHistory();
        Write("\n" + restore);
        return ShellStatus.Ok;
    }

    private static string? HistoryFile()
    {
        var home = Environment.GetEnvironmentVariable("HOME");
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".gfish");
    }

    private int CommandHelp(string? command)
    {
        if (command is null)
        {
            Write(Shell.CommandList(_catalog));
            return 0;
        }

        if (_catalog.TryGetCommand(command, out var info))
        {
            Write(Shell.HelpText(info));
            return 0;
        }

        _stderr.WriteLine($"{command}: command not known: use -h to list all commands");
        return 1;
    }

    private void Write(string text)
    {
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(text);
        _stdout.Write(bytes, 0, bytes.Length);
        _stdout.Flush();
    }

    /// <summary>The drive letters of the n-th drive (0 → a, 25 → z, 26 → aa), as Linux names disks.</summary>
    /// <param name="index">The drive index.</param>
    /// <returns>The letters.</returns>
    public static string DriveLetters(int index)
    {
        var letters = string.Empty;
        index++;
        while (index > 0)
        {
            index--;
            letters = (char)('a' + (index % 26)) + letters;
            index /= 26;
        }

        return letters;
    }
}
