using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Inspector;

/// <summary>
/// <c>virt-inspector</c>: display information about a virtual machine (guestfs-tools <c>inspector/inspector.c</c>),
/// plus <c>--json</c>.
/// </summary>
internal static class InspectorTool
{
    private static readonly Getopt s_getopt = new("a:c:d:vVx",
    [
        new("add", ArgumentKind.Required, 'a'),
        new("blocksize", ArgumentKind.Optional),
        new("connect", ArgumentKind.Required, 'c'),
        new("domain", ArgumentKind.Required, 'd'),
        new("echo-keys", ArgumentKind.None),
        new("format", ArgumentKind.Optional),
        new("help", ArgumentKind.None, LongOption.Help),
        new("json", ArgumentKind.None),
        new("key", ArgumentKind.Required),
        new("keys-from-stdin", ArgumentKind.None),
        new("long-options", ArgumentKind.None),
        new("no-applications", ArgumentKind.None),
        new("no-icon", ArgumentKind.None),
        new("short-options", ArgumentKind.None),
        new("verbose", ArgumentKind.None, 'v'),
        new("version", ArgumentKind.None, 'V'),
        new("xpath", ArgumentKind.Required),
    ]);

    private const string NoOperatingSystem = """
        no operating system could be detected inside this disk image.

        This may be because the file is not a disk image, or is not a virtual machine
        image, or because the OS type is not understood by libguestfs.

        NOTE for Red Hat Enterprise Linux 6 users: for Windows guest support you must
        install the separate libguestfs-winsupport package.

        If you feel this is an error, please file a bug report including as much
        information about the disk image as possible.

        """;

    /// <summary>Runs virt-inspector.</summary>
    /// <param name="context">The context.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit status.</returns>
    public static async Task<int> RunAsync(ToolContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new StandardOptions(context, s_getopt, readOnly: true);
        var operands = new List<string>();
        string? xpath = null;
        bool applications = true;
        bool icon = true;
        bool json = false;
        foreach (var option in s_getopt.Parse(args, operands))
        {
            switch (option.Key)
            {
                case "help":
                    throw new ToolExitException(string.Empty, 0) { Output = Help(context.Name) };
                case "xpath":
                    xpath = option.Value;
                    break;
                case "no-applications":
                    applications = false;
                    break;
                case "no-icon":
                    icon = false;
                    break;
                case "json":
                    json = true;
                    break;
                default:
                    if (!options.Handle(option))
                    {
                        throw new UsageException();
                    }

                    break;
            }
        }

        options.TakeOldStyleDrives(operands, keep: 0);
        if (operands.Count > 0)
        {
            context.Stderr.Write($"{context.Name}: error: extra argument ‘{operands[0]}’ on command line.\nMake sure to specify the argument for --format like '--format={operands[0]}'.\n");
            throw new UsageException();
        }

        options.CheckConsumed();
        if (xpath is not null)
        {
            if (options.Drives.Count > 0)
            {
                throw context.Fail("cannot use --xpath together with other options.");
            }

            string output = XPathQuery.Run(context, await context.Stdin.ReadToEndAsync(cancellationToken).ConfigureAwait(false), xpath);
            await context.Stdout.WriteAsync(Encoding.UTF8.GetBytes(output), cancellationToken).ConfigureAwait(false);
            return 0;
        }

        if (options.Drives.Count == 0)
        {
            context.Stderr.Write($"{context.Name}: error: you must specify at least one -a or -d option.\n");
            throw new UsageException();
        }

        await using var session = await GuestSession.OpenAsync(context, options, MountMode.None, cancellationToken).ConfigureAwait(false);
        // No root is an empty document (exit 0); only a failing inspect_os is an error, as in stock.
        IReadOnlyList<string> roots;
        try
        {
            roots = await session.Handle.InspectOsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (GuestfsException e)
        {
            context.Stderr.Write(GuestSession.LibraryErrorLine(e));
            throw context.Fail(NoOperatingSystem);
        }

        var collector = new InspectionCollector(session.Handle, context, options.ReadOnly);
        var reports = new List<OperatingSystemReport>();
        foreach (string root in roots)
        {
            reports.Add(await collector.CollectAsync(root, applications, icon, cancellationToken).ConfigureAwait(false));
        }

        if (json)
        {
            InspectionJson.Write(context.Stdout, reports);
        }
        else
        {
            byte[] xml = Encoding.UTF8.GetBytes(LibxmlText.Document(InspectionXml.Build(reports)));
            await context.Stdout.WriteAsync(xml, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private static string Help(string name) => $"""
        {name}: display information about a virtual machine
        Copyright (C) 2010 Red Hat Inc.
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
          --no-applications    Do not output the installed applications
          --no-icon            Do not output the guest icon
          -v|--verbose         Verbose messages
          -V|--version         Display version and exit
          -x                   Trace libguestfs API calls
          --xpath query        Perform an XPath query
        For more information, see the manpage {name}(1).

        """;
}
