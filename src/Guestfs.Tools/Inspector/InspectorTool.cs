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
    private static readonly Getopt s_getopt = OptionTable.Create(
        "a:c:d:vVx",
        "add blocksize connect domain echo-keys format help json key keys-from-stdin long-options no-applications no-icon short-options verbose version xpath",
        new("no-applications", ArgumentKind.None),
        new("no-icon", ArgumentKind.None),
        new("xpath", ArgumentKind.Required));

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
        var options = new StandardOptions(context, s_getopt, readOnly: true, Help);
        string? xpath = null;
        bool applications = true;
        bool icon = true;
        bool json = false;
        var operands = options.Parse(args, option =>
        {
            switch (option.Key)
            {
                case "xpath":
                    xpath = option.Value;
                    return true;
                case "no-applications":
                    applications = false;
                    return true;
                case "no-icon":
                    icon = false;
                    return true;
                case "json":
                    json = true;
                    return true;
                default:
                    return false;
            }
        });
        options.TakeOldStyleDrives(operands, keep: 0);
        StandardOptions.RejectOperands(operands);

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

        options.RequireDrives();

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
