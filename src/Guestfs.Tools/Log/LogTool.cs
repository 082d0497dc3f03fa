using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Log;

/// <summary>
/// <c>virt-log</c>: display the log of a virtual machine (guestfs-tools <c>cat/log.c</c>): the systemd journal of a
/// Linux guest (in journalctl's short format), else <c>/var/log/syslog</c> or <c>/var/log/messages</c>, or for Windows
/// Vista and later <c>System.evtx</c> through <c>evtxdump.py</c>.
/// </summary>
internal static class LogTool
{
    private const string JournalDirectory = "/var/log/journal";

    private static readonly Getopt s_getopt = OptionTable.Create(
        "a:c:d:vVx",
        "add blocksize connect domain echo-keys format help key keys-from-stdin long-options short-options verbose version");

    // syslog.h's priorities, 0 (emerg) to 7 (debug).
    private static readonly string[] s_levels = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"];

    /// <summary>Runs virt-log.</summary>
    /// <param name="context">The context.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit status.</returns>
    public static async Task<int> RunAsync(ToolContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new StandardOptions(context, s_getopt, readOnly: true, Help);
        StandardOptions.RejectOperands(options.Parse(args));
        options.CheckConsumed();
        options.RequireDrives();

        // virt-log has no -m: it always inspects.
        await using var session = await GuestSession.OpenAsync(context, options, MountMode.MountsOrInspect, cancellationToken).ConfigureAwait(false);
        var g = session.Handle;
        var root = session.Root!;
        var type = await GuestSession.OrExit(g.InspectGetTypeAsync(root, cancellationToken)).ConfigureAwait(false);
        if (type == "windows")
        {
            if (await GuestSession.OrExit(g.InspectGetMajorVersionAsync(root, cancellationToken)).ConfigureAwait(false) >= 6)
            {
                return await WindowsEventLogAsync(context, g, cancellationToken).ConfigureAwait(false);
            }

            context.Stderr.Write($"{context.Name}: Windows Event Log for pre-Vista guests is not supported.\n");
            return 1;
        }

        IReadOnlyList<string> journalFiles = [];
        try
        {
            journalFiles = await g.LsAsync(JournalDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (GuestfsException)
        {
            // No journal directory: stock silences this error too.
        }

        if (type == "linux" && journalFiles.Count > 0)
        {
            return await JournalAsync(context, g, cancellationToken).ConfigureAwait(false);
        }

        foreach (var file in new[] { "/var/log/syslog", "/var/log/messages" })
        {
            if (await GuestSession.OrExit(g.IsFileAsync(file, new IsFileOptions { Followsymlinks = true }, cancellationToken)).ConfigureAwait(false))
            {
                return await session.TryDownloadToStdoutAsync(file, cancellationToken).ConfigureAwait(false) ? 0 : 1;
            }
        }

        // No log files: nothing printed, as stock.
        return 0;
    }

    /// <summary>Each journal entry as journalctl's short format prints it: time, identifier[pid], level, message.</summary>
    private static async Task<int> JournalAsync(ToolContext context, GuestfsHandle g, CancellationToken cancellationToken)
    {
        await GuestSession.OrExit(g.JournalOpenAsync(JournalDirectory, cancellationToken)).ConfigureAwait(false);
        var line = new MemoryStream();
        while (await GuestSession.OrExit(g.JournalNextAsync(cancellationToken)).ConfigureAwait(false))
        {
            var fields = await GuestSession.OrExit(g.JournalGetAsync(cancellationToken)).ConfigureAwait(false);
            long usec;
            try
            {
                usec = await g.JournalGetRealtimeUsecAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (GuestfsException e)
            {
                // Stock prints the error and the entry without its time.
                context.Stderr.Write(GuestSession.LibraryErrorLine(e));
                usec = -1;
            }

            line.SetLength(0);
            if (usec >= 0)
            {
                Ascii(line, JournalTime(usec / 1_000_000));
            }

            if ((Field(fields, "SYSLOG_IDENTIFIER") ?? Field(fields, "_COMM")) is { } identifier)
            {
                Ascii(line, " ");
                line.Write(identifier);
            }

            if (Field(fields, "_PID") is { } pid)
            {
                Ascii(line, "[");
                line.Write(pid);
                Ascii(line, "]");
            }

            var priority = Field(fields, "PRIORITY") is [>= (byte)'0' and <= (byte)'7' and var digit, ..] ? digit - '0' : 6;
            Ascii(line, $" {s_levels[priority]}:");
            if (Field(fields, "MESSAGE") is { } message)
            {
                Ascii(line, " ");
                line.Write(message);
            }

            Ascii(line, "\n");
            await context.Stdout.WriteAsync(line.GetBuffer().AsMemory(0, (int)line.Length), cancellationToken).ConfigureAwait(false);
        }

        await GuestSession.OrExit(g.JournalCloseAsync(cancellationToken)).ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// The first field of that name, as <c>printf ("%.*s")</c> prints it: up to its length or its first NUL byte.
    /// </summary>
    private static byte[]? Field(IReadOnlyList<XAttr> fields, string name)
    {
        foreach (var field in fields)
        {
            if (field.Attrname == name)
            {
                var end = Array.IndexOf(field.Attrval, (byte)0);
                return end < 0 ? field.Attrval : field.Attrval[..end];
            }
        }

        return null;
    }

    /// <summary><c>strftime ("%b %d %H:%M:%S")</c> in the local time zone and the C locale.</summary>
    private static string JournalTime(long seconds) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(seconds), TimeZoneInfo.Local)
            .ToString("MMM dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static void Ascii(MemoryStream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));

    /// <summary>Windows Vista and later: <c>System.evtx</c> dumped by <c>evtxdump.py</c>, when the host has it.</summary>
    private static async Task<int> WindowsEventLogAsync(ToolContext context, GuestfsHandle g, CancellationToken cancellationToken)
    {
        if (await HostCommand.ShellAsync("evtxdump.py -h >/dev/null 2>&1", null, null, cancellationToken).ConfigureAwait(false) != 0)
        {
            context.Stderr.Write($"""
                {context.Name}: you need to install ‘evtxdump.py’ (from the python-evtx package)
                in order to parse Windows Event Logs.  If you cannot install this, then
                use virt-copy-out(1) to copy the contents of /Windows/System32/winevt/Logs
                from this guest, and examine in a binary file viewer.

                """);
            return 1;
        }

        var path = await GuestSession.OrExit(g.CaseSensitivePathAsync("/Windows/System32/winevt/Logs/System.evtx", cancellationToken)).ConfigureAwait(false);
        if (!await GuestSession.OrExit(g.IsFileAsync(path, new IsFileOptions { Followsymlinks = true }, cancellationToken)).ConfigureAwait(false))
        {
            context.Stderr.Write($"{context.Name}: Windows Event Log file ({path}) not found\n");
            return 1;
        }

        // python-evtx maps the file, so it goes to a file in a private temporary directory rather than a pipe.
        using var local = new PrivateTemporaryFile("virtlog", "System.evtx");
        await using (var file = new FileStream(local.Path, FileMode.Open, FileAccess.Write))
        {
            await GuestSession.OrExit(g.DownloadAsync(path, file, null, cancellationToken)).ConfigureAwait(false);
        }

        await context.Stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        var status = await HostCommand.ShellAsync($"evtxdump.py '{local.Path}'", context.Stdout, null, cancellationToken).ConfigureAwait(false);
        if (status != 0)
        {
            context.Stderr.Write($"{context.Name}: evtxdump.py exited with error status {status}\n");
            return 1;
        }

        return 0;
    }

    private static string Help(string name) => $"""
        {name}: display log files in a virtual machine
        Copyright (C) 2010-2020 Red Hat Inc.
        Usage:
          {name} [--options] -d domname
          {name} [--options] -a disk.img [-a disk.img ...]
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
          -v|--verbose         Verbose messages
          -V|--version         Display version and exit
          -x                   Trace libguestfs API calls
        For more information, see the manpage {name}(1).

        """;
}
