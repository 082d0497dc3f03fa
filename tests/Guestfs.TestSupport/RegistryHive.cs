using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Guestfs.TestSupport;

/// <summary>
/// Windows registry hive files for test guests. hivex (and so <c>hivexregedit --merge</c>) edits a hive but cannot
/// create one, so <see cref="CreateEmpty"/> writes the smallest valid one: a 4 KiB base block and one 4 KiB hive bin
/// holding the root key (an <c>nk</c> cell), the security cell (<c>sk</c>) every key points at, and one free cell
/// for the rest of the bin. Offsets inside the bins are relative to the first bin (file offset 0x1000); used cells
/// have a negative size; the base block's checksum is the XOR of its first 127 little-endian dwords.
/// </summary>
internal static partial class RegistryHive
{
    private const int BaseBlockSize = 0x1000;
    private const int BinSize = 0x1000;
    private const int BinHeaderSize = 32;
    private const int NkNameOffset = 80;
    private const int SkDescriptorOffset = 24;
    private const uint None = 0xffffffff;

    /// <summary>The bytes of an empty hive whose root key is named <paramref name="rootName"/> (ASCII).</summary>
    public static byte[] CreateEmpty(string rootName = "ROOT")
    {
        byte[] name = Encoding.ASCII.GetBytes(rootName);
        byte[] file = new byte[BaseBlockSize + BinSize];
        Span<byte> bin = file.AsSpan(BaseBlockSize);

        "hbin"u8.CopyTo(bin);
        BinaryPrimitives.WriteUInt32LittleEndian(bin[4..], 0); // this bin's offset
        BinaryPrimitives.WriteUInt32LittleEndian(bin[8..], BinSize);

        int nk = BinHeaderSize;
        int nkSize = Align8(NkNameOffset + name.Length);
        int sk = nk + nkSize;
        // A self-relative security descriptor with no owner, group or ACLs: revision 1, control SE_SELF_RELATIVE.
        byte[] descriptor = new byte[20];
        descriptor[0] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor.AsSpan(2), 0x8000);
        int skSize = Align8(SkDescriptorOffset + descriptor.Length);
        int free = sk + skSize;

        Span<byte> key = bin[nk..];
        BinaryPrimitives.WriteInt32LittleEndian(key, -nkSize);
        "nk"u8.CopyTo(key[4..]);
        BinaryPrimitives.WriteUInt16LittleEndian(key[6..], 0x2c); // hive entry (root), no delete, ASCII name
        BinaryPrimitives.WriteUInt32LittleEndian(key[20..], None); // parent
        BinaryPrimitives.WriteUInt32LittleEndian(key[32..], None); // subkey list
        BinaryPrimitives.WriteUInt32LittleEndian(key[36..], None); // volatile subkey list
        BinaryPrimitives.WriteUInt32LittleEndian(key[44..], None); // value list
        BinaryPrimitives.WriteUInt32LittleEndian(key[48..], (uint)sk);
        BinaryPrimitives.WriteUInt32LittleEndian(key[52..], None); // class name
        BinaryPrimitives.WriteUInt16LittleEndian(key[76..], (ushort)name.Length);
        name.CopyTo(key[NkNameOffset..]);

        Span<byte> security = bin[sk..];
        BinaryPrimitives.WriteInt32LittleEndian(security, -skSize);
        "sk"u8.CopyTo(security[4..]);
        BinaryPrimitives.WriteUInt32LittleEndian(security[8..], (uint)sk); // the circular list of sk cells: just this one
        BinaryPrimitives.WriteUInt32LittleEndian(security[12..], (uint)sk);
        BinaryPrimitives.WriteUInt32LittleEndian(security[16..], 1); // reference count: the root key
        BinaryPrimitives.WriteUInt32LittleEndian(security[20..], (uint)descriptor.Length);
        descriptor.CopyTo(security[SkDescriptorOffset..]);

        BinaryPrimitives.WriteInt32LittleEndian(bin[free..], BinSize - free);

        Span<byte> header = file.AsSpan(0, BaseBlockSize);
        "regf"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], 1); // primary and secondary sequence numbers: equal, so clean
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1); // format version 1.3
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], 3);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], 0); // primary file
        BinaryPrimitives.WriteUInt32LittleEndian(header[32..], 1); // direct memory load
        BinaryPrimitives.WriteUInt32LittleEndian(header[36..], (uint)nk);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], BinSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header[44..], 1); // clustering factor
        uint checksum = 0;
        for (int i = 0; i < 0x1fc; i += 4)
        {
            checksum ^= BinaryPrimitives.ReadUInt32LittleEndian(header[i..]);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(header[0x1fc..], checksum);
        return file;
    }

    /// <summary>
    /// Writes an empty hive to <paramref name="path"/> and merges <paramref name="regText"/> (a <c>.reg</c> file's
    /// text, keys written relative to the hive's root as <c>[\Key\Subkey]</c>) into it with <c>hivexregedit
    /// --merge</c>. hivexregedit creates a key only under an existing parent, so every missing parent is added first.
    /// </summary>
    /// <exception cref="InvalidOperationException">hivexregedit failed; the message holds its standard error.</exception>
    public static async Task WriteAsync(string path, string regText, string rootName = "ROOT")
    {
        await File.WriteAllBytesAsync(path, CreateEmpty(rootName));
        string regPath = path + ".reg";
        await File.WriteAllTextAsync(regPath, WithParentKeys(regText));
        var merged = await ExternalProgram.RunAsync("hivexregedit", ["--merge", path, regPath]);
        if (merged.ExitCode != 0)
        {
            throw new InvalidOperationException($"hivexregedit --merge {path} failed ({merged.ExitCode}): {merged.Stderr}");
        }
    }

    /// <summary>
    /// A REG_SZ value as <c>.reg</c> hex data (<c>hex(1):</c>, UTF-16LE with its terminating NUL): hivexregedit reads
    /// a quoted string's bytes as Latin-1, so text beyond ASCII must be given this way.
    /// </summary>
    public static string StringAsHex(string value)
    {
        byte[] bytes = Encoding.Unicode.GetBytes(value + "\0");
        return "hex(1):" + string.Join(',', Array.ConvertAll(bytes, b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary><paramref name="regText"/> with an empty key section before the others for each parent key it lacks.</summary>
    internal static string WithParentKeys(string regText)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in KeyLine().Matches(regText))
        {
            keys.Add(m.Groups[1].Value.TrimEnd('\\'));
        }

        var parents = new List<string>();
        foreach (Match m in KeyLine().Matches(regText))
        {
            string[] parts = m.Groups[1].Value.Trim('\\').Split('\\');
            for (int i = 1; i < parts.Length; i++)
            {
                string parent = "\\" + string.Join('\\', parts[..i]);
                if (keys.Add(parent))
                {
                    parents.Add(parent);
                }
            }
        }

        int body = regText.IndexOf("\n\n", StringComparison.Ordinal);
        if (body < 0)
        {
            throw new ArgumentException("a .reg text starts with its header line and a blank line", nameof(regText));
        }

        var text = new StringBuilder(regText[..(body + 2)]);
        foreach (string parent in parents)
        {
            text.Append('[').Append(parent).Append("]\n\n");
        }

        return text.Append(regText[(body + 2)..]).ToString();
    }

    private static int Align8(int size) => (size + 7) & ~7;

    [GeneratedRegex(@"^\[(.*)\]\s*$", RegexOptions.Multiline)]
    private static partial Regex KeyLine();
}
