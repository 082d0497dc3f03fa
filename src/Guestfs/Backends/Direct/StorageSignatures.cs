using System;
using System.Buffers.Binary;
using System.IO;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Decides, from the host, whether a raw drive could hold anything the appliance's storage scan acts on at launch
/// (an md array member or an LVM physical volume, on the whole disk or inside a partition), so that a restored
/// appliance can skip the scan (a program start and a probe under emulation) when no drive can. Only a few fixed
/// offsets are read; anything unclear counts as "could".
/// </summary>
internal static class StorageSignatures
{
    private const int Sector = 512;
    private const uint MdMagic = 0xa92b4efc;

    /// <summary>
    /// Whether the guest must scan: <see langword="false"/> only for a readable raw file with no partition table
    /// (no MBR boot signature, no GPT header), no LVM label in its first four sectors, and no md superblock where any
    /// of the md metadata versions keeps one (0.90 and 1.0 near the end, 1.1 at the start, 1.2 at 4 KiB).
    /// </summary>
    /// <param name="path">The drive file.</param>
    /// <param name="format">Its settled format.</param>
    /// <returns>Whether the appliance must run its storage scan for this drive.</returns>
    public static bool MayHoldStorageStack(string path, string format)
    {
        if (format != "raw")
        {
            return true; // what the guest sees is not what the file holds at these offsets
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
            long size = file.Length;
            Span<byte> head = stackalloc byte[8192];
            int read = ReadAt(file, 0, head);
            head = head[..read];
            if (HasBootSignatureOrGpt(head) || HasLvmLabel(head) || HasMdMagic(head, 0) || HasMdMagic(head, 4096))
            {
                return true;
            }

            long sectors = size / Sector;
            Span<byte> word = stackalloc byte[4];
            foreach (long offset in new[] { ((sectors & ~127L) - 128) * Sector, ((sectors - 16) & ~7L) * Sector })
            {
                if (offset >= 0 && offset + 4 <= size && ReadAt(file, offset, word) == 4 && IsMdMagic(word))
                {
                    return true;
                }
            }

            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return true;
        }
    }

    private static int ReadAt(FileStream file, long offset, Span<byte> buffer)
    {
        file.Position = offset;
        int total = 0;
        while (total < buffer.Length)
        {
            int n = file.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static bool HasBootSignatureOrGpt(ReadOnlySpan<byte> head) =>
        (head.Length >= Sector && head[510] == 0x55 && head[511] == 0xaa) ||
        HasAt(head, Sector, "EFI PART"u8) || HasAt(head, 4096, "EFI PART"u8);

    private static bool HasLvmLabel(ReadOnlySpan<byte> head)
    {
        for (int sector = 0; sector < 4; sector++)
        {
            if (HasAt(head, sector * Sector, "LABELONE"u8))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasMdMagic(ReadOnlySpan<byte> head, int offset) =>
        head.Length >= offset + 4 && IsMdMagic(head.Slice(offset, 4));

    private static bool IsMdMagic(ReadOnlySpan<byte> word) =>
        BinaryPrimitives.ReadUInt32LittleEndian(word) == MdMagic || BinaryPrimitives.ReadUInt32BigEndian(word) == MdMagic;

    private static bool HasAt(ReadOnlySpan<byte> head, int offset, ReadOnlySpan<byte> text) =>
        head.Length >= offset + text.Length && head.Slice(offset, text.Length).SequenceEqual(text);
}
