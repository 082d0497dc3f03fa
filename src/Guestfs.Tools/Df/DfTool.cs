using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Tools.Common;
using Guestfs.Tools.Filesystems;

namespace Guestfs.Tools.Df;

/// <summary>
/// <c>virt-df</c>: display free space on virtual filesystems (guestfs-tools <c>df/</c>), for the single guest
/// given with <c>-a</c>; plus <c>--json</c>.
/// </summary>
internal static class DfTool
{
    private static readonly Getopt s_getopt = OptionTable.Create(
        "a:c:d:hiP:vVx",
        "add blocksize connect csv domain format help human-readable inodes json long-options one-per-guest short-options uuid verbose version",
        new("inodes", ArgumentKind.None, 'i'),
        new("one-per-guest", ArgumentKind.None));

    /// <summary>Runs virt-df.</summary>
    /// <param name="context">The context.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit status.</returns>
    public static async Task<int> RunAsync(ToolContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new StandardOptions(context, s_getopt, readOnly: true, Help);
        bool csv = false, json = false, human = false, inodes = false;
        var operands = options.Parse(args, option =>
        {
            switch (option.Key)
            {
                case "csv":
                    csv = true;
                    return true;
                case "json":
                    json = true;
                    return true;
                case "one-per-guest" or "uuid":
                    // --one-per-guest is kept for compatibility; --uuid only changes libvirt guests' names.
                    return true;
                case "h":
                    human = true;
                    return true;
                case "i":
                    inodes = true;
                    return true;
                case "P":
                    // Threads only matter for libvirt guests; the value must still be a number.
                    return IsScanfNumber(option.Value!) ? true : throw context.Fail("-P option is not numeric");
                default:
                    return false;
            }
        });

        options.TakeOldStyleDrives(operands, keep: 0);
        if (operands.Count > 0)
        {
            throw new UsageException();
        }

        options.CheckConsumed();
        if (human && csv)
        {
            throw context.Fail("you cannot use -h and --csv options together.");
        }

        if (options.Drives.Count == 0)
        {
            throw context.Error("libvirt is not available: give the guest's disk images with -a");
        }

        string name = DisplayName(options.Drives);
        await using var session = await GuestSession.OpenAsync(context, options, MountMode.None, cancellationToken).ConfigureAwait(false);
        var g = session.Handle;
        var text = new StringBuilder();
        var rows = new List<(string Device, StatVfs Stat)>();
        if (!json)
        {
            text.Append(Title(csv, human, inodes));
        }

        int status = 0;
        try
        {
            await g.ListDevicesAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (mountable, type) in await g.ListFilesystemsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (type is "" or "swap" or "unknown")
                {
                    continue;
                }

                StatVfs? stat = null;
                try
                {
                    await g.MountRoAsync(mountable, "/", cancellationToken).ConfigureAwait(false);
                    stat = await g.StatvfsAsync("/", cancellationToken).ConfigureAwait(false);
                    await g.UmountAllAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (GuestfsException)
                {
                    // Stock ignores filesystems that do not mount or stat.
                }

                if (stat is not null)
                {
                    string device = await GuestSession.OrExit(g.CanonicalDeviceNameAsync(mountable, cancellationToken)).ConfigureAwait(false);
                    rows.Add((device, stat));
                    if (!json)
                    {
                        text.Append(Row(name, device, stat, csv, human, inodes));
                    }
                }
            }
        }
        catch (GuestfsException e)
        {
            context.Stderr.Write(GuestSession.LibraryErrorLine(e));
            status = 1;
        }

        if (json)
        {
            WriteJson(context.Stdout, name, rows);
        }
        else
        {
            await context.Stdout.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
        }

        return status;
    }

    /// <summary>Whether <c>sscanf("%zu")</c> reads a number: blanks, an optional sign, then a digit.</summary>
    private static bool IsScanfNumber(string value)
    {
        var rest = value.AsSpan().TrimStart();
        if (rest.Length > 0 && rest[0] is '+' or '-')
        {
            rest = rest[1..];
        }

        return rest.Length > 0 && char.IsAsciiDigit(rest[0]);
    }

    /// <summary>The guest's name in the first column: the first image's file name, plus one <c>+</c> per further image.</summary>
    private static string DisplayName(IReadOnlyList<DriveOption> drives) =>
        drives[0].Path[(drives[0].Path.LastIndexOf('/') + 1)..] + new string('+', drives.Count - 1);

    private static string Title(bool csv, bool human, bool inodes)
    {
        string[] cols = inodes
            ? ["VirtualMachine", "Filesystem", "Inodes", "IUsed", "IFree", "IUse%"]
            : ["VirtualMachine", "Filesystem", human ? "Size" : "1K-blocks", "Used", "Available", "Use%"];
        return csv
            ? string.Join(',', cols.Select(DeviceTable.CsvField)) + "\n"
            : string.Create(CultureInfo.InvariantCulture, $"{cols[1],-36}{cols[2],10} {cols[3],10} {cols[4],10} {cols[5],5}\n");
    }

    private static string Row(string name, string device, StatVfs stat, bool csv, bool human, bool inodes)
    {
        string[] cols = new string[4];
        float percent;
        if (!inodes)
        {
            if (!human)
            {
                cols[0] = Scale(stat.Blocks, stat.Bsize).ToString(CultureInfo.InvariantCulture);
                cols[1] = Scale(stat.Blocks - stat.Bfree, stat.Bsize).ToString(CultureInfo.InvariantCulture);
                cols[2] = Scale(stat.Bavail, stat.Bsize).ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                cols[0] = HumanReadable.Format((ulong)stat.Blocks * (ulong)stat.Bsize);
                cols[1] = HumanReadable.Format((ulong)(stat.Blocks - stat.Bfree) * (ulong)stat.Bsize);
                cols[2] = HumanReadable.Format((ulong)stat.Bavail * (ulong)stat.Bsize);
            }

            percent = stat.Blocks != 0 ? (float)(100.0 - (100.0 * stat.Bfree / stat.Blocks)) : 0;
        }
        else
        {
            cols[0] = stat.Files.ToString(CultureInfo.InvariantCulture);
            cols[1] = (stat.Files - stat.Ffree).ToString(CultureInfo.InvariantCulture);
            cols[2] = stat.Ffree.ToString(CultureInfo.InvariantCulture);
            percent = stat.Files != 0 ? (float)(100.0 - (100.0 * stat.Ffree / stat.Files)) : 0;
        }

        // Text mode rounds the percentage up, as df does; CSV keeps one decimal.
        cols[3] = csv
            ? ((double)percent).ToString("F1", CultureInfo.InvariantCulture)
            : Math.Ceiling((double)percent).ToString("F0", CultureInfo.InvariantCulture).PadLeft(3) + "%";
        if (csv)
        {
            return string.Join(',', new[] { name, device }.Concat(cols).Select(DeviceTable.CsvField)) + "\n";
        }

        var text = new StringBuilder().Append(name).Append(':').Append(device);
        int length = Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(device) + 1;
        text.Append(length <= 36 ? new string(' ', 36 - length) : "\n" + new string(' ', 36));
        return text.Append(string.Create(CultureInfo.InvariantCulture, $"{cols[0],10} {cols[1],10} {cols[2],10} {cols[3],5}\n")).ToString();
    }

    /// <summary>Blocks of <paramref name="blockSize"/> bytes in 1K units, as stock scales them.</summary>
    private static long Scale(long n, long blockSize) => blockSize >= 1024 ? n * (blockSize / 1024) : n / (1024 / blockSize);

    /// <summary>
    /// <c>--json</c> (not in stock): an array with one object per filesystem: <c>name</c>, <c>filesystem</c>,
    /// <c>size</c>, <c>used</c>, <c>available</c> (bytes), <c>use_percent</c>, <c>inodes</c>, <c>inodes_used</c>,
    /// <c>inodes_free</c>, <c>inodes_use_percent</c>.
    /// </summary>
    private static void WriteJson(Stream output, string name, IReadOnlyList<(string Device, StatVfs Stat)> rows)
    {
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var (device, stat) in rows)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("filesystem", device);
                json.WriteNumber("size", stat.Blocks * stat.Bsize);
                json.WriteNumber("used", (stat.Blocks - stat.Bfree) * stat.Bsize);
                json.WriteNumber("available", stat.Bavail * stat.Bsize);
                json.WriteNumber("use_percent", stat.Blocks != 0 ? Math.Round(100.0 - (100.0 * stat.Bfree / stat.Blocks), 1) : 0);
                json.WriteNumber("inodes", stat.Files);
                json.WriteNumber("inodes_used", stat.Files - stat.Ffree);
                json.WriteNumber("inodes_free", stat.Ffree);
                json.WriteNumber("inodes_use_percent", stat.Files != 0 ? Math.Round(100.0 - (100.0 * stat.Ffree / stat.Files), 1) : 0);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteByte((byte)'\n');
    }

    private static string Help(string name) => $"""
        {name}: display free space on virtual filesystems
        Copyright (C) 2010 Red Hat Inc.
        Usage:
          {name} [--options] -d domname
          {name} [--options] -a disk.img [-a disk.img ...]
        Options:
          -a|--add image       Add image
          --blocksize[=512|4096]
                               Set sector size of the disk for -a option
          -c|--connect uri     Specify libvirt URI for -d option
          --csv                Output as Comma-Separated Values
          -d|--domain guest    Add disks from libvirt guest
          --format[=raw|..]    Force disk format for -a option
          -h|--human-readable  Print sizes in human-readable format
          --help               Display brief help
          -i|--inodes          Display inodes
          --one-per-guest      Separate appliance per guest
          -P nr_threads        Use at most nr_threads
          --uuid               Print UUIDs instead of names
          -v|--verbose         Verbose messages
          -V|--version         Display version and exit
          -x                   Trace libguestfs API calls
        For more information, see the manpage {name}(1).

        """;
}
