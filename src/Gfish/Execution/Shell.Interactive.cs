using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Guestfs;
using Guestfs.Backends.Direct;
using Gfish.Commands;
using Gfish.Parsing;

namespace Gfish.Execution;

/// <content>
/// The commands that hand a guest file to a local program (<c>edit</c>, <c>more</c>, <c>hexedit</c>), <c>man</c>, and
/// the event handlers (<c>event</c>, <c>list-events</c>, <c>delete-event</c>).
/// </content>
internal sealed partial class Shell
{
    /// <summary>Above this size <c>hexedit</c> wants an explicit range, as guestfish.</summary>
    private const long HexeditMaxDownload = 16 * 1024 * 1024;

    /// <summary>Events whose callbacks receive a text buffer (the others pass none to the script).</summary>
    private const GuestfsEvents EventsWithBuffer =
        GuestfsEvents.Appliance | GuestfsEvents.Library | GuestfsEvents.Trace | GuestfsEvents.Enter | GuestfsEvents.LibvirtAuth | GuestfsEvents.Warning;

    private readonly EventHandlerTable _eventHandlers = new();

    private static LocalCommandInfo[] InteractiveCommandList() =>
    [
        new("delete-event", "delete a previously registered event handler", "delete-event name",
            "Removes every event handler registered under the name (see \"event\").", []),
        new("edit", "edit a file", "edit filename",
            "Downloads the guest file, opens it in $EDITOR (else \"vi\"), and uploads it again if the editor changed it. The new content replaces the file in one step and keeps its permissions, owner and SELinux label.",
            ["vi", "emacs"]),
        new("event", "register a handler for an event or events", "event name eventset \"shell script ...\"",
            "Runs the shell script each time one of the events happens. eventset is \"*\" or event names separated by commas (close, subprocess_quit, launch_done, progress, appliance, library, trace, enter, libvirt_auth, warning). The script sees the event name in $EVENT, the event's text (if any) as $1 and its numbers as the further arguments.",
            []),
        new("hexedit", "edit with a hex editor", "hexedit <filename|device> [max | start max]",
            "Downloads the file or device (or the range given: max bytes from start, both with size suffixes), opens it in $HEXEDITOR (else \"hexedit\"), and writes it back at the same offset if changed. Without a range the file must be at most 16MB.",
            []),
        new("list-events", "list event handlers", "list-events", "Lists the handlers registered with \"event\".", []),
        new("man", "open the manual", "man", "Opens the guestfish(1) manual page, which describes the commands and syntax gfish implements.", ["manual"]),
        new("more", "view a file", "more filename",
            "Downloads the guest file and shows it with $PAGER (else \"more\"); \"less\" always uses less.",
            ["less"]),
    ];

    private async Task<ShellStatus?> TryRunInteractiveAsync(string name, IReadOnlyList<string> args, Stream output, CancellationToken cancellationToken)
    {
        bool Is(string canonical) => CommandCatalog.NameMatches(name, canonical);

        if (Is("edit") || Is("vi") || Is("emacs"))
        {
            if (args.Count != 1)
            {
                _stderr.WriteLine($"use '{name} filename' to edit a file");
                return ShellStatus.Error;
            }

            var editor = Is("vi") ? "vi" : Is("emacs") ? "emacs -nw" : Environment.GetEnvironmentVariable("EDITOR") ?? "vi";
            return await EditAsync(args[0], editor, cancellationToken).ConfigureAwait(false);
        }

        if (Is("more") || Is("less"))
        {
            if (args.Count != 1)
            {
                _stderr.WriteLine($"use '{name} filename' to page a file");
                return ShellStatus.Error;
            }

            var pager = Is("less") ? "less" : Environment.GetEnvironmentVariable("PAGER") ?? "more";
            return await PageAsync(args[0], pager, cancellationToken).ConfigureAwait(false);
        }

        if (Is("hexedit"))
        {
            return await HexeditAsync(args, cancellationToken).ConfigureAwait(false);
        }

        if (Is("man") || Is("manual"))
        {
            if (args.Count != 0)
            {
                _stderr.WriteLine("use ‘man’ without parameters to open the manual");
                return ShellStatus.Error;
            }

            return await RunLocalShellAsync("man 1 guestfish", exitOnError: true, cancellationToken).ConfigureAwait(false);
        }

        if (Is("event"))
        {
            return AddEventHandler(args);
        }

        if (Is("delete-event"))
        {
            return DeleteEventHandler(args);
        }

        if (Is("list-events"))
        {
            if (args.Count != 0)
            {
                _stderr.WriteLine("use ‘list-events’ to list event handlers");
                return ShellStatus.Error;
            }

            foreach (var entry in _eventHandlers.Entries)
            {
                WriteText(output, string.Create(
                    CultureInfo.InvariantCulture, $"\"{entry.Name}\" ({entry.EventHandle}): {EventSet.ToListText(entry.Events)}: {entry.Command}\n"));
            }

            return ShellStatus.Ok;
        }

        return null;
    }

    /// <summary><c>edit</c>: download, run the editor, and upload only when the editor changed the file.</summary>
    private async Task<ShellStatus> EditAsync(string remote, string editor, CancellationToken cancellationToken)
    {
        using var local = await DownloadToTemporaryAsync("download", file => [remote, file], cancellationToken).ConfigureAwait(false);
        if (local is null || !await RunEditorAsync(editor, local, cancellationToken).ConfigureAwait(false))
        {
            return ShellStatus.Error;
        }

        if (!local.Changed())
        {
            return ShellStatus.Ok;
        }

        // As guestfish: write a new file beside the real one (symbolic links resolved), give it the old file's
        // attributes, then rename it over the old one, so a failed upload leaves the old file as it was.
        var (ok, real) = await CallByNameAsync("realpath", [remote], null, cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            return ShellStatus.Error;
        }

        var path = (string)real!;
        var temporary = path[..(path.LastIndexOf('/') + 1)] + RandomName(8);
        await using (var content = File.OpenRead(local.Path))
        {
            if (!(await CallByNameAsync("upload", [content, temporary], null, cancellationToken).ConfigureAwait(false)).Ok)
            {
                return ShellStatus.Error;
            }
        }

        var steps = (await CallByNameAsync("copy_attributes", [path, temporary], new Dictionary<string, object?> { ["all"] = true }, cancellationToken).ConfigureAwait(false)).Ok
            && (await CallByNameAsync("mv", [temporary, path], null, cancellationToken).ConfigureAwait(false)).Ok;
        return steps ? ShellStatus.Ok : ShellStatus.Error;
    }

    /// <summary><c>more</c>: download and show with the pager.</summary>
    private async Task<ShellStatus> PageAsync(string remote, string pager, CancellationToken cancellationToken)
    {
        using var local = await DownloadToTemporaryAsync("download", file => [remote, file], cancellationToken).ConfigureAwait(false);
        return local is not null && await RunEditorAsync(pager, local, cancellationToken).ConfigureAwait(false) ? ShellStatus.Ok : ShellStatus.Error;
    }

    /// <summary><c>hexedit</c>: a range of a file or device, edited and written back at its offset if changed.</summary>
    private async Task<ShellStatus> HexeditAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (args.Count is < 1 or > 3)
        {
            _stderr.WriteLine("hexedit (device|filename) [max | start max]");
            return ShellStatus.Error;
        }

        var target = args[0];
        var (ok, value) = target.StartsWith("/dev/", StringComparison.Ordinal)
            ? await CallByNameAsync("blockdev_getsize64", [target], null, cancellationToken).ConfigureAwait(false)
            : await CallByNameAsync("filesize", [target], null, cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            return ShellStatus.Error;
        }

        var size = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        if (size == 0)
        {
            _stderr.WriteLine($"hexedit: {target} is a zero length file or device");
            return ShellStatus.Error;
        }

        long start = 0, max = size;
        if (args.Count == 1 && size > HexeditMaxDownload)
        {
            _stderr.WriteLine($"hexedit: {target} is larger than 16MB. You must supply a limit using");
            _stderr.WriteLine($"  'hexedit {target} <max>' (eg. 'hexedit {target} 1M') or a range using");
            _stderr.WriteLine($"  'hexedit {target} <start> <max>'.");
            return ShellStatus.Error;
        }

        if (args.Count > 1)
        {
            if ((args.Count == 3 && !TryParseSize(args[1], out start)) || !TryParseSize(args[^1], out max))
            {
                return ShellStatus.Error;
            }

            if (start + max > size)
            {
                max = size - start;
            }
        }

        if (max <= 0)
        {
            _stderr.WriteLine("hexedit: invalid range");
            return ShellStatus.Error;
        }

        using var local = await DownloadToTemporaryAsync("download_offset", file => [target, file, start, max], cancellationToken).ConfigureAwait(false);
        var editor = Environment.GetEnvironmentVariable("HEXEDITOR") ?? "hexedit";
        if (local is null || !await RunEditorAsync(editor, local, cancellationToken).ConfigureAwait(false))
        {
            return ShellStatus.Error;
        }

        if (!local.Changed())
        {
            return ShellStatus.Ok;
        }

        await using var content = File.OpenRead(local.Path);
        return (await CallByNameAsync("upload_offset", [content, target, start], null, cancellationToken).ConfigureAwait(false)).Ok
            ? ShellStatus.Ok
            : ShellStatus.Error;
    }

    /// <summary>A size as guestfish's <c>parse_size</c> reads it (<c>xstrtoull</c>, size suffixes).</summary>
    private bool TryParseSize(string text, out long size)
    {
        var status = IntegerParser.TryParse(text, out size);
        if (status == IntegerParser.Ok && size < 0)
        {
            status = IntegerParser.Invalid;
        }

        if (status != IntegerParser.Ok)
        {
            _stderr.WriteLine($"parse_size: invalid integer parameter (xstrtoull returned {status.ToString(CultureInfo.InvariantCulture)})");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Downloads into a new private temporary file with an action whose FileOut argument is the file, then dates the
    /// file back 5 seconds so that an editor that finishes within the same second still shows as a change.
    /// </summary>
    private async Task<TemporaryCopy?> DownloadToTemporaryAsync(string action, Func<Stream, object?[]> arguments, CancellationToken cancellationToken)
    {
        // The handle's temporary directory ($TMPDIR or set-tmpdir), as guestfish.
        var (ok, tmpdir) = await CallByNameAsync("get_tmpdir", [], null, cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            return null;
        }

        var path = Path.Combine((string)tmpdir!, "libguestfs" + RandomName(6));
        var copy = new TemporaryCopy(path);
        try
        {
            await using (var file = SecureFile.Open(path, FileMode.CreateNew, FileAccess.Write))
            {
                if (!(await CallByNameAsync(action, arguments(file), null, cancellationToken).ConfigureAwait(false)).Ok)
                {
                    copy.Dispose();
                    return null;
                }
            }

            copy.MarkOriginal();
            return copy;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _stderr.WriteLine($"{path}: {LocalFileException.Describe(e)}");
            copy.Dispose();
            return null;
        }
    }

    /// <summary>Runs <c>PROGRAM FILE</c> through the shell, as guestfish's <c>system()</c>; false (with a message) unless it exits 0.</summary>
    private async Task<bool> RunEditorAsync(string program, TemporaryCopy local, CancellationToken cancellationToken)
    {
        var command = $"{program} {local.Path}";
        await _stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        using var process = StartShell(command, redirectInput: false, redirectOutput: false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            _stderr.WriteLine($"{command}: exited with status {process.ExitCode.ToString(CultureInfo.InvariantCulture)}");
            return false;
        }

        if (!File.Exists(local.Path))
        {
            _stderr.WriteLine($"{local.Path}: {LocalFileException.Describe(new FileNotFoundException())}");
            return false;
        }

        return true;
    }

    private ShellStatus AddEventHandler(IReadOnlyList<string> args)
    {
        if (args.Count != 3)
        {
            _stderr.WriteLine("use 'event <name> <eventset> <script>' to register an event handler");
            return ShellStatus.Error;
        }

        if (!EventSet.TryParse(args[1], out var events, out var unknown))
        {
            _stderr.WriteLine($"unknown event name: {unknown}");
            return ShellStatus.Error;
        }

        if (_session is not ISessionEvents source)
        {
            _stderr.WriteLine("event: this handle does not raise events");
            return ShellStatus.Error;
        }

        var command = args[2];
        var handle = source.SetEventCallback(events, e => RunEventHandler(command, e));
        _eventHandlers.Add(new EventHandlerEntry(args[0], events, command, handle));
        return ShellStatus.Ok;
    }

    private ShellStatus DeleteEventHandler(IReadOnlyList<string> args)
    {
        if (args.Count != 1)
        {
            _stderr.WriteLine("use 'delete-event <name>' to delete an event handler");
            return ShellStatus.Error;
        }

        var removed = _eventHandlers.Remove(args[0]);
        if (removed.Count == 0)
        {
            _stderr.WriteLine($"delete-event: {args[0]}: no such event handler");
            return ShellStatus.Error;
        }

        foreach (var entry in removed)
        {
            (_session as ISessionEvents)?.DeleteEventCallback(entry.EventHandle);
        }

        return ShellStatus.Ok;
    }

    /// <summary>
    /// Runs an event handler's script as guestfish does, and waits for it: <c>$SHELL -c SCRIPT "" [BUFFER] [NUMBERS...]</c>
    /// with <c>EVENT</c> set to the event's name.
    /// </summary>
    private void RunEventHandler(string command, GuestfsEventArgs e)
    {
        var shell = Environment.GetEnvironmentVariable("SHELL") ?? "/bin/sh";
        var info = new ProcessStartInfo(shell) { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        info.ArgumentList.Add(string.Empty);
        if ((e.Event & EventsWithBuffer) != 0)
        {
            info.ArgumentList.Add(e.Buffer);
        }

        foreach (var number in e.Array)
        {
            info.ArgumentList.Add(number.ToString(CultureInfo.InvariantCulture));
        }

        info.Environment["EVENT"] = EventSet.ToText(e.Event);
        try
        {
            _stdout.Flush();
            using var process = Process.Start(info);
            process?.WaitForExit();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            _stderr.WriteLine($"{shell}: {ex.Message}");
        }
    }

    /// <summary>Random letters and digits, as libguestfs's <c>random_string</c>.</summary>
    private static string RandomName(int length) =>
        RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", length);

    /// <summary>
    /// A downloaded temporary file, deleted on dispose, that knows whether it was changed since the download: as
    /// guestfish, by its change time (seconds) and size.
    /// </summary>
    private sealed class TemporaryCopy(string path) : IDisposable
    {
        private (long ChangeTime, long Size) _original;

        public string Path { get; } = path;

        /// <summary>Dates the file back 5 seconds (as guestfish) and remembers its change time and size.</summary>
        public void MarkOriginal()
        {
            var info = new FileInfo(Path);
            info.LastAccessTimeUtc = info.LastAccessTimeUtc.AddSeconds(-5);
            info.LastWriteTimeUtc = info.LastWriteTimeUtc.AddSeconds(-5);
            _original = Status();
        }

        /// <summary>Whether the change time or size differs from the download's.</summary>
        public bool Changed() => Status() != _original;

        private (long ChangeTime, long Size) Status()
        {
            const uint ChangeTimeAndSize = 0x80 | 0x200; // STATX_CTIME | STATX_SIZE
            var buffer = new byte[256];
            if (NativeMethods.StatX(NativeMethods.AtCurrentDirectory, Path, 0, ChangeTimeAndSize, buffer) != 0)
            {
                throw new IOException($"{Path}: {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
            }

            return (BitConverter.ToInt64(buffer, 96), BitConverter.ToInt64(buffer, 40)); // stx_ctime.tv_sec, stx_size
        }

        public void Dispose()
        {
            try
            {
                File.Delete(Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
