using System;
using System.Buffers.Binary;
using System.IO;
using Guestfs.Backends;
using Guestfs.Backends.Direct;

namespace Guestfs.Tests.Backends;

/// <summary>
/// The host-side decision that lets a restored appliance skip its storage scan: "no" only when no raw drive can
/// hold a partition table, an LVM label or an md superblock at any place the tools look.
/// </summary>
public sealed class StorageSignaturesTests : IDisposable
{
    private const long Size = 8L * 1024 * 1024 + 4096 + 512; // not a multiple of 64 KiB: the md offsets are rounded
    private readonly string _directory = Directory.CreateTempSubdirectory("gfs-sig-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Disk(Action<FileStream>? write = null, long size = Size)
    {
        string path = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
        using var file = new FileStream(path, FileMode.CreateNew);
        file.SetLength(size);
        write?.Invoke(file);
        return path;
    }

    private static void Put(FileStream file, long offset, ReadOnlySpan<byte> bytes)
    {
        file.Position = offset;
        file.Write(bytes);
    }

    private static byte[] MdMagicLittleEndian()
    {
        byte[] b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, 0xa92b4efc);
        return b;
    }

    [Fact]
    public void MustScan_AnyDriveThatMayHoldAStackOrIsRemote_MeansScan()
    {
        ResolvedDrive Local(string path, string format = "raw") => new(new DriveSpec(path), format, Probed: false);
        ResolvedDrive blank = Local(Disk());
        ResolvedDrive remote = new(new DriveSpec("/export", RemoteSource.Create("nbd", "export", ["localhost"], null, null)), "raw", Probed: false);

        Assert.False(StorageSignatures.MustScan([]));
        Assert.False(StorageSignatures.MustScan([blank, Local(Disk())]));
        Assert.True(StorageSignatures.MustScan([blank, Local(Disk(f => Put(f, 512, "LABELONE"u8)))]));
        Assert.True(StorageSignatures.MustScan([blank, Local(Disk(), "qcow2")]));
        Assert.True(StorageSignatures.MustScan([blank, remote]));
    }

    [Fact]
    public void BlankRawDisk_NoScan() => Assert.False(StorageSignatures.MayHoldStorageStack(Disk(), "raw"));

    [Fact]
    public void WholeDiskExt2_NoScan()
    {
        // An ext2 file system on the whole disk: its superblock magic at 1024 + 56, nothing the scan looks for.
        string disk = Disk(f => Put(f, 1024 + 56, [0x53, 0xef]));
        Assert.False(StorageSignatures.MayHoldStorageStack(disk, "raw"));
    }

    [Fact]
    public void TinyFile_NoScan() => Assert.False(StorageSignatures.MayHoldStorageStack(Disk(size: 100), "raw"));

    [Theory]
    [InlineData("gpt-512")]
    [InlineData("gpt-4096")]
    [InlineData("lvm-sector-0")]
    [InlineData("lvm-sector-3")]
    [InlineData("md-1.1")]
    [InlineData("md-1.2")]
    [InlineData("md-0.90")]
    [InlineData("md-1.0")]
    [InlineData("md-0.90-big-endian")]
    public void Signature_Scan(string kind)
    {
        long sectors = Size / 512;
        string disk = Disk(f =>
        {
            switch (kind) // (a GPT header of zeros: no entries array, so the table is unclear)
            {
                case "gpt-512": Put(f, 512, "EFI PART"u8); break;
                case "gpt-4096": Put(f, 4096, "EFI PART"u8); break;
                case "lvm-sector-0": Put(f, 0, "LABELONE"u8); break;
                case "lvm-sector-3": Put(f, 3 * 512, "LABELONE"u8); break;
                case "md-1.1": Put(f, 0, MdMagicLittleEndian()); break;
                case "md-1.2": Put(f, 4096, MdMagicLittleEndian()); break;
                case "md-0.90": Put(f, ((sectors & ~127L) - 128) * 512, MdMagicLittleEndian()); break;
                case "md-1.0": Put(f, ((sectors - 16) & ~7L) * 512, MdMagicLittleEndian()); break;
                case "md-0.90-big-endian": Put(f, ((sectors & ~127L) - 128) * 512, [0xa9, 0x2b, 0x4e, 0xfc]); break;
            }
        });
        Assert.True(StorageSignatures.MayHoldStorageStack(disk, "raw"), kind);
    }

    private const long PartStart = 2048 * 512;
    private const long PartSectors = 8192;

    private static byte[] MbrEntry(byte type, long firstSector, long sectors, byte status = 0)
    {
        byte[] e = new byte[16];
        e[0] = status;
        e[4] = type;
        BinaryPrimitives.WriteUInt32LittleEndian(e.AsSpan(8), (uint)firstSector);
        BinaryPrimitives.WriteUInt32LittleEndian(e.AsSpan(12), (uint)sectors);
        return e;
    }

    private static void Mbr(FileStream f, params byte[][] entries)
    {
        for (int i = 0; i < entries.Length; i++)
        {
            Put(f, 446 + (16 * i), entries[i]);
        }

        Put(f, 510, [0x55, 0xaa]);
    }

    [Fact]
    public void EmptyMbr_NoScan() => Assert.False(StorageSignatures.MayHoldStorageStack(Disk(f => Mbr(f)), "raw"));

    [Fact]
    public void MbrPartitionWithFileSystem_NoScan()
    {
        string disk = Disk(f =>
        {
            Mbr(f, MbrEntry(0x83, 2048, PartSectors, status: 0x80));
            Put(f, PartStart + 1024 + 56, [0x53, 0xef]);
        });
        Assert.False(StorageSignatures.MayHoldStorageStack(disk, "raw"));
    }

    [Theory]
    [InlineData("lvm")]
    [InlineData("md-1.2")]
    [InlineData("md-1.0")]
    [InlineData("md-0.90")]
    public void MbrPartitionWithMemberSignature_Scan(string kind)
    {
        long end = PartStart + (PartSectors * 512);
        string disk = Disk(f =>
        {
            Mbr(f, MbrEntry(0x83, 2048, PartSectors));
            switch (kind)
            {
                case "lvm": Put(f, PartStart + 512, "LABELONE"u8); break;
                case "md-1.2": Put(f, PartStart + 4096, MdMagicLittleEndian()); break;
                case "md-1.0": Put(f, PartStart + (((PartSectors - 16) & ~7L) * 512), MdMagicLittleEndian()); break;
                case "md-0.90": Put(f, PartStart + (((PartSectors & ~127L) - 128) * 512), MdMagicLittleEndian()); break;
            }

            Assert.True(end <= Size);
        });
        Assert.True(StorageSignatures.MayHoldStorageStack(disk, "raw"), kind);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LogicalPartitionInExtendedPartition_ScanOnlyWithLabel(bool label)
    {
        // Extended partition at sector 2048; its first EBR describes a logical partition 2048 sectors further on.
        string disk = Disk(f =>
        {
            Mbr(f, MbrEntry(0x05, 2048, 12288));
            Put(f, (2048 * 512) + 446, MbrEntry(0x8e, 2048, 4096));
            Put(f, (2048 * 512) + 510, [0x55, 0xaa]);
            if (label)
            {
                Put(f, ((2048 + 2048) * 512) + 512, "LABELONE"u8);
            }
        });
        Assert.Equal(label, StorageSignatures.MayHoldStorageStack(disk, "raw"));
    }

    [Theory]
    [InlineData("beyond-end")]
    [InlineData("dynamic-disk")]
    [InlineData("boot-sector-not-table")]
    [InlineData("ebr-loop")]
    [InlineData("protective-without-gpt")]
    public void UnclearOrSpecialTable_Scan(string kind)
    {
        string disk = Disk(f =>
        {
            switch (kind)
            {
                case "beyond-end": Mbr(f, MbrEntry(0x83, 2048, Size / 512)); break;
                case "dynamic-disk": Mbr(f, MbrEntry(0x42, 2048, PartSectors)); break;
                case "boot-sector-not-table": Put(f, 446, "This is not a bootable disk"u8); Put(f, 510, [0x55, 0xaa]); break;
                case "ebr-loop":
                    Mbr(f, MbrEntry(0x05, 2048, 12288));
                    Put(f, (2048 * 512) + 446, MbrEntry(0x83, 2048, 1024));
                    Put(f, (2048 * 512) + 462, MbrEntry(0x05, 0, 1024)); // the next EBR is this one again
                    Put(f, (2048 * 512) + 510, [0x55, 0xaa]);
                    break;
                case "protective-without-gpt": Mbr(f, MbrEntry(0xee, 1, (Size / 512) - 1)); break;
            }
        });
        Assert.True(StorageSignatures.MayHoldStorageStack(disk, "raw"), kind);
    }

    private static void Gpt(FileStream f, Guid type, long first, long last, uint count = 128, uint entrySize = 128)
    {
        Mbr(f, MbrEntry(0xee, 1, (Size / 512) - 1));
        byte[] header = new byte[92];
        "EFI PART"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(72), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(80), count);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(84), entrySize);
        Put(f, 512, header);
        byte[] entry = new byte[128];
        type.TryWriteBytes(entry);
        BinaryPrimitives.WriteUInt64LittleEndian(entry.AsSpan(32), (ulong)first);
        BinaryPrimitives.WriteUInt64LittleEndian(entry.AsSpan(40), (ulong)last);
        Put(f, 1024, entry);
    }

    private static readonly Guid LinuxData = new("0FC63DAF-8483-4772-8E79-3D69D8477DE4");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GptPartition_ScanOnlyWithLabel(bool label)
    {
        string disk = Disk(f =>
        {
            Gpt(f, LinuxData, 2048, 2048 + PartSectors - 1);
            if (label)
            {
                Put(f, PartStart + 1024, "LABELONE"u8);
            }
        });
        Assert.Equal(label, StorageSignatures.MayHoldStorageStack(disk, "raw"));
    }

    [Theory]
    [InlineData("ldm")]
    [InlineData("too-many-entries")]
    [InlineData("odd-entry-size")]
    [InlineData("last-beyond-end")]
    public void UnclearOrSpecialGpt_Scan(string kind)
    {
        string disk = Disk(f =>
        {
            switch (kind)
            {
                case "ldm": Gpt(f, new Guid("AF9B60A0-1431-4F62-BC68-3311714A69AD"), 2048, 4095); break;
                case "too-many-entries": Gpt(f, LinuxData, 2048, 4095, count: 100_000); break;
                case "odd-entry-size": Gpt(f, LinuxData, 2048, 4095, entrySize: 100); break;
                case "last-beyond-end": Gpt(f, LinuxData, 2048, Size / 512); break;
            }
        });
        Assert.True(StorageSignatures.MayHoldStorageStack(disk, "raw"), kind);
    }

    [Fact]
    public void LvmLabelOutsideTheFirstFourSectors_NoScan()
    {
        // LVM only looks at sectors 0-3; a label-like text further in is file data.
        Assert.False(StorageSignatures.MayHoldStorageStack(Disk(f => Put(f, 4 * 512, "LABELONE"u8)), "raw"));
    }

    [Fact]
    public void NonRawFormat_AlwaysScans()
    {
        // A qcow2 file's bytes are not what the guest sees at these offsets.
        Assert.True(StorageSignatures.MayHoldStorageStack(Disk(), "qcow2"));
    }

    [Fact]
    public void UnreadableOrMissingFile_Scans()
    {
        Assert.True(StorageSignatures.MayHoldStorageStack(Path.Combine(_directory, "missing"), "raw"));
        Assert.True(StorageSignatures.MayHoldStorageStack(_directory, "raw"));
    }
}

public sealed class GuestStepsTests
{
    [Theory]
    [InlineData("done trigger=10.00 disks=10.25 device=10.30 done=10.42", "disks 0.25 s, device 0.05 s, done 0.12 s")]
    [InlineData("done", "(not reported)")]
    [InlineData("done trigger=10.00", "(not reported)")]
    [InlineData("done trigger=1 junk disks=x =5 device=1.5", "device 0.50 s")]
    public void DescribeGuestSteps_DurationsBetweenStamps(string line, string expected) =>
        Assert.Equal(expected, Guestfs.Backends.Direct.DirectBackend.DescribeGuestSteps(line));
}
