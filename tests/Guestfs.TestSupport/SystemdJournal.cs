using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace Guestfs.TestSupport;

/// <summary>
/// systemd journal files for test guests, written by the host's <c>systemd-journal-remote</c> from journal export
/// format (<c>systemd.journal-export-formats(7)</c>): each entry's fields as <c>NAME=value</c> lines, or for a value
/// with a newline or other control byte, the name, a newline, the value's length as a little-endian 64-bit number
/// and the raw value; a blank line ends the entry. <c>__REALTIME_TIMESTAMP</c>, <c>__MONOTONIC_TIMESTAMP</c> and
/// <c>_BOOT_ID</c> set the entry's times and boot, so the file's entries are what the test wrote.
/// </summary>
internal static class SystemdJournal
{
    /// <summary>Where Debian's package <c>systemd-journal-remote</c> installs the writer.</summary>
    public const string Writer = "/lib/systemd/systemd-journal-remote";

    /// <summary>The boot id every entry is given.</summary>
    public const string BootId = "5e1f0c2d8a7b4c3e9f6a1b2c3d4e5f60";

    /// <summary>Whether the host can write journal files.</summary>
    public static bool HostCanWrite => File.Exists(Writer);

    /// <summary>
    /// Writes <paramref name="path"/> (whose name must end in <c>.journal</c>) holding <paramref name="entries"/>,
    /// each given by its wall-clock time and its fields in order (a name may repeat).
    /// </summary>
    /// <exception cref="InvalidOperationException">The writer failed; the message holds its output.</exception>
    public static async Task WriteAsync(string path, IEnumerable<(DateTimeOffset Time, IReadOnlyList<(string Name, byte[] Value)> Fields)> entries)
    {
        var export = new MemoryStream();
        long monotonic = 1_000_000;
        foreach (var (time, fields) in entries)
        {
            Field(export, "__REALTIME_TIMESTAMP", Text((time.ToUnixTimeMilliseconds() * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Field(export, "__MONOTONIC_TIMESTAMP", Text(monotonic.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Field(export, "_BOOT_ID", Text(BootId));
            foreach (var (name, value) in fields)
            {
                Field(export, name, value);
            }

            export.WriteByte((byte)'\n');
            monotonic += 1_000_000;
        }

        string input = path + ".export";
        await File.WriteAllBytesAsync(input, export.ToArray());
        var written = await ExternalProgram.RunAsync(Writer, ["--output=" + path, input]);
        File.Delete(input);
        if (written.ExitCode != 0 || !File.Exists(path))
        {
            throw new InvalidOperationException($"systemd-journal-remote did not write {path}: {written}");
        }
    }

    /// <summary>UTF-8 bytes of a field value.</summary>
    public static byte[] Text(string value) => Encoding.UTF8.GetBytes(value);

    private static void Field(Stream export, string name, byte[] value)
    {
        export.Write(Encoding.ASCII.GetBytes(name));
        if (Array.Exists(value, b => b < 0x20 && b != (byte)'\t'))
        {
            Span<byte> length = stackalloc byte[9];
            length[0] = (byte)'\n';
            BinaryPrimitives.WriteUInt64LittleEndian(length[1..], (ulong)value.Length);
            export.Write(length);
        }
        else
        {
            export.WriteByte((byte)'=');
        }

        export.Write(value);
        export.WriteByte((byte)'\n');
    }
}
