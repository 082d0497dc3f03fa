using System;
using System.Buffers.Binary;
using System.IO;
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
    [InlineData("mbr")]
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
            switch (kind)
            {
                case "mbr": Put(f, 510, [0x55, 0xaa]); break;
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
