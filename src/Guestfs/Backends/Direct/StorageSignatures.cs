using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Decides, from the host, whether a raw drive could hold anything the appliance's storage scan acts on at launch
/// (an md array member or an LVM physical volume, on the whole disk or inside one of its partitions, or a Windows
/// dynamic disk), so that a restored appliance can skip the scan (a program start and a probe under emulation)
/// when no drive can. Only a few fixed places are read; anything unclear counts as "could".
/// </summary>
internal static class StorageSignatures
{
    /// <summary>What the debug log says when <see cref="MustScan"/> is <see langword="false"/>.</summary>
    public const string NoScanMessage = "no drive can hold an md member, an LVM physical volume or a dynamic disk; the appliance skips its storage scan";

    private const int Sector = 512;
    private const uint MdMagic = 0xa92b4efc;
    private const int MaxGptEntries = 1024;
    private const int MaxLogicalPartitions = 256;
    private static readonly Guid s_ldmMetadata = new("5808C8AA-7E8F-42E0-85D2-E1E90434CFB3");
    private static readonly Guid s_ldmData = new("AF9B60A0-1431-4F62-BC68-3311714A69AD");

    /// <summary>
    /// Whether the appliance must run its storage scan at launch for these drives: a remote drive, or any drive that
    /// <see cref="MayHoldStorageStack(string, string)"/>, means scan. Both launch paths ask this: a restored appliance
    /// reads the answer from its trigger, a booting one from the kernel command line (<c>guestfs_noscan=1</c>).
    /// </summary>
    /// <param name="drives">The user's drives, formats settled.</param>
    /// <returns>Whether to scan.</returns>
    public static bool MustScan(IEnumerable<ResolvedDrive> drives)
    {
        foreach (ResolvedDrive drive in drives)
        {
            if (drive.Spec.Remote is not null || MayHoldStorageStack(drive.Spec.Filename, drive.Format))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the guest must scan. <see langword="false"/> only for a readable raw file where neither the whole disk
    /// nor any partition of its MBR or GPT partition table has an LVM label in its first four sectors or an md
    /// superblock where any md metadata version keeps one (0.90 and 1.0 near the end, 1.1 at the start, 1.2 at
    /// 4 KiB), and no partition is a Windows dynamic disk's. A table that does not parse cleanly means scan.
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
            return MayHoldStorageStack(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return true;
        }
    }

    /// <summary>Whether the guest must scan a raw disk whose bytes <paramref name="file"/> holds (seekable).</summary>
    /// <param name="file">The disk's contents.</param>
    /// <returns>Whether the appliance must run its storage scan for this disk.</returns>
    internal static bool MayHoldStorageStack(Stream file)
    {
        long size = file.Length;
        if (HasMemberSignature(file, 0, size))
        {
            return true;
        }

        byte[] head = new byte[8192];
        int read = ReadAt(file, 0, head);
        List<(long Start, long Length)>? partitions = ReadPartitions(file, head.AsSpan(0, read), size, out bool hasTable);
        if (!hasTable)
        {
            return false;
        }

        if (partitions is null)
        {
            return true;
        }

        foreach ((long start, long length) in partitions)
        {
            if (HasMemberSignature(file, start, length))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An LVM label or an md superblock in the byte range (a whole disk or a partition).</summary>
    private static bool HasMemberSignature(Stream file, long start, long length)
    {
        Span<byte> head = stackalloc byte[8192];
        int read = ReadAt(file, start, head[..(int)Math.Min(head.Length, length)]);
        head = head[..read];
        for (int sector = 0; sector < 4; sector++)
        {
            if (HasAt(head, sector * Sector, "LABELONE"u8))
            {
                return true;
            }
        }

        if (HasMdMagic(head, 0) || HasMdMagic(head, 4096))
        {
            return true;
        }

        long sectors = length / Sector;
        Span<byte> word = stackalloc byte[4];
        foreach (long offset in (ReadOnlySpan<long>)[((sectors & ~127L) - 128) * Sector, ((sectors - 16) & ~7L) * Sector])
        {
            if (offset >= 0 && offset + 4 <= length && ReadAt(file, start + offset, word) == 4 && IsMdMagic(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The partitions of an MBR or GPT table (byte ranges), or <see langword="null"/> when the table is unclear or
    /// belongs to a Windows dynamic disk. <paramref name="hasTable"/> says whether the disk looks partitioned at all.
    /// </summary>
    private static List<(long Start, long Length)>? ReadPartitions(Stream file, ReadOnlySpan<byte> head, long size, out bool hasTable)
    {
        int gptBlock = HasAt(head, Sector, "EFI PART"u8) ? Sector : HasAt(head, 4096, "EFI PART"u8) ? 4096 : 0;
        bool mbr = head.Length >= Sector && head[510] == 0x55 && head[511] == 0xaa;
        hasTable = gptBlock != 0 || mbr;
        if (gptBlock != 0)
        {
            return ReadGpt(file, head.Slice(gptBlock, Math.Min(Sector, head.Length - gptBlock)), gptBlock, size);
        }

        return mbr ? ReadMbr(file, head[..Sector], size) : [];
    }

    private static List<(long Start, long Length)>? ReadGpt(Stream file, ReadOnlySpan<byte> header, int block, long size)
    {
        if (header.Length < 92)
        {
            return null;
        }

        ulong entriesLba = BinaryPrimitives.ReadUInt64LittleEndian(header[72..]);
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(header[80..]);
        uint entrySize = BinaryPrimitives.ReadUInt32LittleEndian(header[84..]);
        if (count > MaxGptEntries || entrySize < 128 || entrySize > 4096 || entrySize % 8 != 0 ||
            entriesLba == 0 || entriesLba > (ulong)(size / block) || (long)entriesLba * block + (long)count * entrySize > size)
        {
            return null;
        }

        byte[] entries = new byte[count * entrySize];
        if (ReadAt(file, (long)entriesLba * block, entries) != entries.Length)
        {
            return null;
        }

        var partitions = new List<(long, long)>();
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> entry = entries.AsSpan(i * (int)entrySize, (int)entrySize);
            var type = new Guid(entry[..16]);
            if (type == Guid.Empty)
            {
                continue;
            }

            if (type == s_ldmMetadata || type == s_ldmData)
            {
                return null;
            }

            ulong first = BinaryPrimitives.ReadUInt64LittleEndian(entry[32..]);
            ulong last = BinaryPrimitives.ReadUInt64LittleEndian(entry[40..]);
            if (first > last || last >= (ulong)(size / block))
            {
                return null;
            }

            partitions.Add(((long)first * block, (long)(last - first + 1) * block));
        }

        return partitions;
    }

    private static List<(long Start, long Length)>? ReadMbr(Stream file, ReadOnlySpan<byte> sector0, long size)
    {
        var partitions = new List<(long, long)>();
        for (int i = 0; i < 4; i++)
        {
            ReadOnlySpan<byte> entry = sector0.Slice(446 + (16 * i), 16);
            if (entry[0] is not (0x00 or 0x80))
            {
                return null; // not a partition table (a boot sector of a file system, say)
            }

            byte type = entry[4];
            if (type == 0)
            {
                continue;
            }

            if (type is 0xee or 0x42)
            {
                return null; // a GPT without its header, or a Windows dynamic disk
            }

            if (!TryRange(entry, 0, size, out long start, out long length))
            {
                return null;
            }

            if (type is 0x05 or 0x0f or 0x85)
            {
                if (!ReadLogicalPartitions(file, start / Sector, size, partitions))
                {
                    return null;
                }
            }
            else
            {
                partitions.Add((start, length));
            }
        }

        return partitions;
    }

    /// <summary>Follows the chain of extended boot records of an extended partition starting at sector <paramref name="extended"/>.</summary>
    private static bool ReadLogicalPartitions(Stream file, long extended, long size, List<(long, long)> partitions)
    {
        Span<byte> ebr = stackalloc byte[Sector];
        long current = extended;
        for (int n = 0; n < MaxLogicalPartitions; n++)
        {
            if (current >= size / Sector || ReadAt(file, current * Sector, ebr) != Sector || ebr[510] != 0x55 || ebr[511] != 0xaa)
            {
                return false;
            }

            ReadOnlySpan<byte> logical = ebr.Slice(446, 16);
            ReadOnlySpan<byte> next = ebr.Slice(462, 16);
            if (logical[4] == 0x42)
            {
                return false;
            }

            if (logical[4] != 0)
            {
                if (!TryRange(logical, current, size, out long start, out long length))
                {
                    return false;
                }

                partitions.Add((start, length));
            }

            if (next[4] == 0)
            {
                return true;
            }

            long following = extended + BinaryPrimitives.ReadUInt32LittleEndian(next[8..]);
            if (following <= current)
            {
                return false; // a loop, or a chain going backwards
            }

            current = following;
        }

        return false;
    }

    /// <summary>An MBR entry's byte range (its start relative to sector <paramref name="baseSector"/>), inside the disk.</summary>
    private static bool TryRange(ReadOnlySpan<byte> entry, long baseSector, long size, out long start, out long length)
    {
        long first = baseSector + BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
        long sectors = BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]);
        start = first * Sector;
        length = sectors * Sector;
        return first > 0 && sectors > 0 && start + length <= size;
    }

    private static int ReadAt(Stream file, long offset, Span<byte> buffer)
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

    private static bool HasMdMagic(ReadOnlySpan<byte> head, int offset) =>
        head.Length >= offset + 4 && IsMdMagic(head.Slice(offset, 4));

    private static bool IsMdMagic(ReadOnlySpan<byte> word) =>
        BinaryPrimitives.ReadUInt32LittleEndian(word) == MdMagic || BinaryPrimitives.ReadUInt32BigEndian(word) == MdMagic;

    private static bool HasAt(ReadOnlySpan<byte> head, int offset, ReadOnlySpan<byte> text) =>
        head.Length >= offset + text.Length && head.Slice(offset, text.Length).SequenceEqual(text);
}
