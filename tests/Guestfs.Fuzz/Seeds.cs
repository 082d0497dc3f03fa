using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.Linq;
using Guestfs.Protocol;
using Guestfs.Xdr;

namespace Guestfs.Fuzz;

/// <summary>
/// Starting inputs: well-formed daemon output as guestfsd frames it, small structured inputs for each codec, tar
/// archives in each format with each entry type, snapshot handshake lines, and small disks with each kind of
/// partition table and signature the host looks for.
/// </summary>
internal static class Seeds
{
    public static IEnumerable<(string Name, byte[] Bytes)> For(string target) => target switch
    {
        "frame" => FrameSeeds(),
        "codecs" => CodecSeeds(),
        "archive" => ArchiveSeeds(),
        "handshake" => HandshakeSeeds(),
        "partition" => PartitionSeeds(),
        _ => throw new ArgumentException($"unknown target '{target}' ({string.Join(", ", FuzzTargets.All.Keys)})", nameof(target)),
    };

    private static IEnumerable<(string, byte[])> FrameSeeds()
    {
        Procedure p = FuzzTargets.FrameProcedure;
        byte[] none = FuzzTargets.FrameSelector<NoReply>(download: false);
        byte[] download = FuzzTargets.FrameSelector<NoReply>(download: true);
        byte[] statns = FuzzTargets.FrameSelector<StatnsRet>(download: false);
        byte[] chunk = new byte[300];
        new Random(5).NextBytes(chunk);

        yield return ("ok", Cat(none, Frame(Reply(p))));
        yield return ("error", Cat(none, Frame(Error(p, "ENOENT", "No such file or directory"))));
        yield return ("progress-ok", Cat(none, Progress(p, 1, 2), Frame(Reply(p))));
        yield return ("cancel-flag-ok", Cat(none, Word(ProtocolConstants.CancelFlag), Frame(Reply(p))));
        yield return ("statns", Cat(statns, Frame(Reply(p, w =>
        {
            for (int i = 0; i < 22; i++)
            {
                w.WriteInt64(i);
            }
        }))));
        yield return ("download", Cat(download, Frame(Reply(p)), Frame(Chunk(0, chunk)), Frame(Chunk(0, []))));
        yield return ("download-cancel", Cat(download, Frame(Reply(p)), Frame(Chunk(0, chunk)), Frame(Chunk(1, []))));
    }

    private static IEnumerable<(string, byte[])> CodecSeeds()
    {
        IReadOnlyList<string> names = FuzzTargets.CodecNames;
        for (int i = 0; i < names.Count; i++)
        {
            byte[] selector = [(byte)(i >> 8), (byte)i];
            string name = names[i].Split('.')[^1];
            yield return ($"{name}-zeros", Cat(selector, new byte[64]));
            yield return ($"{name}-ones", Cat(selector, Enumerable.Range(0, 24).SelectMany(_ => Word(1)).ToArray()));
            yield return ($"{name}-strings", Cat(selector, Enumerable.Range(0, 8).SelectMany(_ => Cat(Word(3), [(byte)'a', (byte)'b', (byte)'c', 0])).ToArray()));
        }
    }

    private static IEnumerable<(string, byte[])> ArchiveSeeds()
    {
        foreach (TarEntryFormat format in (TarEntryFormat[])[TarEntryFormat.V7, TarEntryFormat.Ustar, TarEntryFormat.Pax, TarEntryFormat.Gnu])
        {
            yield return ($"tree-{format}", Tar(format, w =>
            {
                w.WriteEntry(Entry(format, TarEntryType.Directory, "./"));
                w.WriteEntry(Entry(format, TarEntryType.Directory, "./etc/"));
                w.WriteEntry(Entry(format, format == TarEntryFormat.V7 ? TarEntryType.V7RegularFile : TarEntryType.RegularFile, "./etc/hostname", "guest\n"u8.ToArray()));
                w.WriteEntry(Entry(format, TarEntryType.SymbolicLink, "./etc/localtime", link: "/usr/share/zoneinfo/UTC"));
                w.WriteEntry(Entry(format, TarEntryType.HardLink, "./etc/hostname2", link: "./etc/hostname"));
            }));
        }

        foreach (TarEntryFormat format in (TarEntryFormat[])[TarEntryFormat.Ustar, TarEntryFormat.Pax, TarEntryFormat.Gnu])
        {
            yield return ($"specials-{format}", Tar(format, w =>
            {
                w.WriteEntry(Entry(format, TarEntryType.CharacterDevice, "./dev/null"));
                w.WriteEntry(Entry(format, TarEntryType.BlockDevice, "./dev/sda"));
                w.WriteEntry(Entry(format, TarEntryType.Fifo, "./run/fifo"));
                w.WriteEntry(Entry(format, TarEntryType.RegularFile, "./" + new string('n', 120) + "/" + new string('m', 60), new byte[700]));
            }));
        }

        yield return ("pax-global", Tar(TarEntryFormat.Pax, w =>
        {
            w.WriteEntry(new PaxGlobalExtendedAttributesTarEntry(new Dictionary<string, string> { ["comment"] = "x" }));
            w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "./a", new Dictionary<string, string> { ["path"] = "./long/a", ["size"] = "3", ["mtime"] = "1.5" })
            {
                DataStream = new MemoryStream("abc"u8.ToArray()),
            });
        }));
    }

    private static TarEntry Entry(TarEntryFormat format, TarEntryType type, string name, byte[]? data = null, string? link = null)
    {
        TarEntry entry = format switch
        {
            TarEntryFormat.V7 => new V7TarEntry(type, name),
            TarEntryFormat.Ustar => new UstarTarEntry(type, name),
            TarEntryFormat.Pax => new PaxTarEntry(type, name),
            _ => new GnuTarEntry(type, name),
        };
        entry.Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.SetUser;
        entry.ModificationTime = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
        if (link is not null)
        {
            entry.LinkName = link;
        }

        if (data is not null)
        {
            entry.DataStream = new MemoryStream(data);
        }

        return entry;
    }

    private static byte[] Tar(TarEntryFormat format, Action<TarWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, format, leaveOpen: true))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    private static IEnumerable<(string, byte[])> HandshakeSeeds()
    {
        yield return ("ready-done", "ready\ndone\n"u8.ToArray());
        yield return ("done-steps", "done trigger=1.250 disks=1.302 links=1.310 scan=1.540\n"u8.ToArray());
        yield return ("done-crlf", "done a=1e308 b=-1e308 c=NaN d==1 =2 e=0x10\r\n"u8.ToArray());
        yield return ("fail", "fail /dev/sdb appeared before /dev/sda\n"u8.ToArray());
        yield return ("console", "\u001b[0;32mOK\u001b[0m guestfsd\r\n\t\u007f\u0000init: starting\nlast line"u8.ToArray());
    }

    private static IEnumerable<(string, byte[])> PartitionSeeds()
    {
        const int sector = 512;
        yield return ("blank", new byte[8 * 1024]);

        byte[] mbr = new byte[16 * 1024];
        MbrEntry(mbr, 0, 0x83, 2, 4);
        MbrEntry(mbr, 1, 0x05, 8, 20);
        MbrEntry(mbr.AsSpan(8 * sector), 0, 0x83, 1, 2);  // the first logical partition, relative to its EBR
        MbrEntry(mbr.AsSpan(8 * sector), 1, 0x05, 4, 4);  // the next EBR, relative to the extended partition
        MbrEntry(mbr.AsSpan(12 * sector), 0, 0x8e, 1, 2);
        yield return ("mbr-extended", mbr);

        byte[] gpt = new byte[16 * 1024];
        MbrEntry(gpt, 0, 0xee, 1, 31);
        "EFI PART"u8.CopyTo(gpt.AsSpan(sector));
        BinaryPrimitives.WriteUInt64LittleEndian(gpt.AsSpan(sector + 72), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(gpt.AsSpan(sector + 80), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(gpt.AsSpan(sector + 84), 128);
        new Guid("0FC63DAF-8483-4772-8E79-3D69D8477DE4").TryWriteBytes(gpt.AsSpan(2 * sector));
        BinaryPrimitives.WriteUInt64LittleEndian(gpt.AsSpan((2 * sector) + 32), 6);
        BinaryPrimitives.WriteUInt64LittleEndian(gpt.AsSpan((2 * sector) + 40), 29);
        "LABELONE"u8.CopyTo(gpt.AsSpan(7 * sector));
        yield return ("gpt-lvm", gpt);

        byte[] signatures = new byte[16 * 1024];
        "LABELONE"u8.CopyTo(signatures.AsSpan(sector));
        BinaryPrimitives.WriteUInt32LittleEndian(signatures.AsSpan(4096), 0xa92b4efc);
        BinaryPrimitives.WriteUInt16LittleEndian(signatures.AsSpan(1024 + 56), 0xef53);
        yield return ("lvm-md-ext2", signatures);
    }

    /// <summary>Writes MBR entry <paramref name="index"/> (and the boot signature) into a sector.</summary>
    private static void MbrEntry(Span<byte> sector0, int index, byte type, uint first, uint sectors)
    {
        Span<byte> entry = sector0.Slice(446 + (16 * index), 16);
        entry[4] = type;
        BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], first);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], sectors);
        sector0[510] = 0x55;
        sector0[511] = 0xaa;
    }

    public static void Write(string target, string directory)
    {
        Directory.CreateDirectory(directory);
        foreach ((string name, byte[] bytes) in For(target))
        {
            File.WriteAllBytes(Path.Combine(directory, name), bytes);
        }
    }

    private static byte[] Reply(Procedure proc, Action<XdrWriter>? ret = null) => Encode(w =>
    {
        new MessageHeader(ProtocolConstants.Program, 4, proc, MessageDirection.Reply, GuestfsConnection.FirstSerial, 0, 0, MessageStatus.Ok).Encode(ref w);
        ret?.Invoke(w);
    });

    private static byte[] Error(Procedure proc, string errno, string message) => Encode(w =>
    {
        new MessageHeader(ProtocolConstants.Program, 4, proc, MessageDirection.Reply, GuestfsConnection.FirstSerial, 0, 0, MessageStatus.Error).Encode(ref w);
        new MessageError(errno, message).Encode(ref w);
    });

    private static byte[] Chunk(int cancel, byte[] data) => Encode(w => new Protocol.Chunk(cancel, data).Encode(ref w));

    private static byte[] Progress(Procedure proc, ulong position, ulong total) => Encode(w =>
    {
        w.WriteUInt32(ProtocolConstants.ProgressFlag);
        new Protocol.Progress(proc, GuestfsConnection.FirstSerial, position, total).Encode(ref w);
    });

    private static byte[] Frame(byte[] body) => Cat(Word((uint)body.Length), body);

    private static byte[] Word(uint value)
    {
        byte[] b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        return b;
    }

    private static byte[] Cat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] Encode(Action<XdrWriter> write)
    {
        using var buffer = new PooledBufferWriter();
        write(new XdrWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }
}
