using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Host;

namespace Guestfs.Tests.Hardening;

public sealed class GuestTarFilterTests
{
    private static byte[] Archive(Action<TarWriter> write, TarEntryFormat format = TarEntryFormat.Gnu)
    {
        var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, format, leaveOpen: true))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    private static void Add(TarWriter writer, TarEntryType type, string name, UnixFileMode mode, string? content = null, string? link = null)
    {
        var entry = new GnuTarEntry(type, name) { Mode = mode, Uid = 0, Gid = 0 };
        if (content is not null)
        {
            entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        }

        if (link is not null)
        {
            entry.LinkName = link;
        }

        if (type is TarEntryType.CharacterDevice or TarEntryType.BlockDevice)
        {
            entry.DeviceMajor = 8;
            entry.DeviceMinor = 0;
        }

        writer.WriteEntry(entry);
    }

    private static List<TarEntry> Read(byte[] archive)
    {
        var entries = new List<TarEntry>();
        using var reader = new TarReader(new MemoryStream(archive));
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            entries.Add(entry);
        }

        return entries;
    }

    private sealed class TrackingStream(byte[] data) : MemoryStream(data)
    {
        public bool Disposed { get; private set; }

        public bool EndReached { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int n = await base.ReadAsync(buffer, cancellationToken);
            EndReached |= n == 0 && buffer.Length > 0;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    [Fact]
    public async Task CopyAsync_HostileArchive_KeepsFilesDirectoriesAndLinksWithoutSpecialBits()
    {
        const UnixFileMode setuidRoot = UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit |
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute;
        byte[] archive = Archive(w =>
        {
            Add(w, TarEntryType.Directory, "tree/", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.StickyBit);
            Add(w, TarEntryType.RegularFile, "tree/shell", setuidRoot, "#!/bin/sh\n");
            Add(w, TarEntryType.SymbolicLink, "tree/etc", UnixFileMode.UserRead, link: "/etc");
            Add(w, TarEntryType.HardLink, "tree/again", UnixFileMode.UserRead, link: "tree/shell");
            Add(w, TarEntryType.BlockDevice, "tree/disk", UnixFileMode.UserRead | UnixFileMode.OtherRead);
            Add(w, TarEntryType.CharacterDevice, "tree/mem", UnixFileMode.UserRead | UnixFileMode.OtherRead);
            Add(w, TarEntryType.Fifo, "tree/pipe", UnixFileMode.UserRead);
        });
        var output = new MemoryStream();

        IReadOnlyList<string> skipped = await GuestTarFilter.CopyAsync(new MemoryStream(archive), output, CancellationToken.None);

        List<TarEntry> kept = Read(output.ToArray());
        Assert.Equal(new[] { "tree/", "tree/shell", "tree/etc", "tree/again" }, kept.Select(e => e.Name));
        Assert.Equal(
            new[] { TarEntryType.Directory, TarEntryType.RegularFile, TarEntryType.SymbolicLink, TarEntryType.HardLink },
            kept.Select(e => e.EntryType));
        Assert.All(kept, e => Assert.Equal((UnixFileMode)0, e.Mode & (UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute, kept[1].Mode);
        Assert.Equal("#!/bin/sh\n", new StreamReader(kept[1].DataStream!).ReadToEnd());
        Assert.Equal("/etc", kept[2].LinkName);
        Assert.Equal("tree/shell", kept[3].LinkName);
        Assert.Equal(3, skipped.Count);
        Assert.Contains(skipped, s => s.Contains("'tree/disk'", StringComparison.Ordinal) && s.Contains("block device", StringComparison.Ordinal));
        Assert.Contains(skipped, s => s.Contains("'tree/mem'", StringComparison.Ordinal) && s.Contains("character device", StringComparison.Ordinal));
        Assert.Contains(skipped, s => s.Contains("'tree/pipe'", StringComparison.Ordinal) && s.Contains("FIFO", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CopyAsync_ManySpecialFiles_ReportsTwentyThenACount()
    {
        byte[] archive = Archive(w =>
        {
            for (int i = 0; i < 25; i++)
            {
                Add(w, TarEntryType.Fifo, $"p{i}", UnixFileMode.UserRead);
            }
        });

        IReadOnlyList<string> skipped = await GuestTarFilter.CopyAsync(new MemoryStream(archive), new MemoryStream(), CancellationToken.None);

        Assert.Equal(21, skipped.Count);
        Assert.Equal("5 more entries left out", skipped[^1]);
    }

    [Fact]
    public async Task CopyAsync_DataAfterTheEndOfTheArchive_IsReadToTheEndAndTheInputDisposed()
    {
        byte[] archive = Archive(w => Add(w, TarEntryType.RegularFile, "f", UnixFileMode.UserRead, "x"));
        byte[] padded = archive.Concat(new byte[100_000]).ToArray();
        var input = new TrackingStream(padded);

        await GuestTarFilter.CopyAsync(input, new MemoryStream(), CancellationToken.None);

        Assert.True(input.EndReached);
        Assert.True(input.Disposed);
    }

    [Fact]
    public async Task CopyAsync_NotATarArchive_ThrowsGuestfsExceptionAndDisposesTheInput()
    {
        byte[] garbage = Enumerable.Range(0, 2048).Select(i => (byte)(i * 7 + 1)).ToArray();
        var input = new TrackingStream(garbage);

        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => GuestTarFilter.CopyAsync(input, new MemoryStream(), CancellationToken.None));

        Assert.Contains("the first entry", e.Message, StringComparison.Ordinal);
        Assert.True(input.Disposed);
    }

    [Fact]
    public async Task CopyAsync_EntriesUnderASymbolicLink_AreLeftOutSoNothingIsWrittenThroughIt()
    {
        byte[] archive = Archive(w =>
        {
            Add(w, TarEntryType.Directory, "tree/", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Add(w, TarEntryType.SymbolicLink, "tree/a", UnixFileMode.UserRead, link: "/tmp/x");
            Add(w, TarEntryType.RegularFile, "tree/a/file", UnixFileMode.UserRead, "written through the link");
            Add(w, TarEntryType.Directory, "./tree//a/sub/", UnixFileMode.UserRead | UnixFileMode.UserExecute);
            Add(w, TarEntryType.HardLink, "tree/h", UnixFileMode.UserRead, link: "tree/a/file");
            Add(w, TarEntryType.RegularFile, "tree/ab", UnixFileMode.UserRead, "a sibling, kept");
        });
        var output = new MemoryStream();

        IReadOnlyList<string> skipped = await GuestTarFilter.CopyAsync(new MemoryStream(archive), output, CancellationToken.None);

        Assert.Equal(new[] { "tree/", "tree/a", "tree/ab" }, Read(output.ToArray()).Select(e => e.Name));
        Assert.Equal(3, skipped.Count);
        Assert.Contains(skipped, s => s.Contains("'tree/a/file'", StringComparison.Ordinal) && s.Contains("symbolic link 'tree/a'", StringComparison.Ordinal));
        Assert.Contains(skipped, s => s.Contains("'tree/h'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CopyAsync_ExistingSymbolicLinkInTheDestination_NothingIsWrittenThroughIt()
    {
        string destination = Directory.CreateTempSubdirectory("guestfs-tar-dest-").FullName;
        try
        {
            File.CreateSymbolicLink(Path.Combine(destination, "a"), "/tmp");
            byte[] archive = Archive(w => Add(w, TarEntryType.RegularFile, "a/file", UnixFileMode.UserRead, "x"));
            var output = new MemoryStream();

            IReadOnlyList<string> skipped = await GuestTarFilter.CopyAsync(new MemoryStream(archive), output, destination, CancellationToken.None);

            Assert.Empty(Read(output.ToArray()));
            Assert.Contains("'a/file'", Assert.Single(skipped), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(destination, recursive: true);
        }
    }

    public static TheoryData<string> HostileArchives() => new(s_hostile.Keys);

    /// <summary>Hand-built archives that break the reader in different places; each names where it broke.</summary>
    private static readonly Dictionary<string, (Func<byte[]> Build, string Names)> s_hostile = new()
    {
        ["truncated header"] = (() => [.. Header("ok", '0', "0"), .. Header("cut", '0', "0").AsSpan(0, 100)], "after 'ok'"),
        ["bad octal size"] = (() => [.. Header("ok", '0', "0"), .. Header("bad", '0', "12x45"), .. new byte[1024]], "after 'ok'"),
        ["bad octal mode"] = (() => [.. Header("badmode", '0', "0", mode: "9999999"), .. new byte[1024]], "the first entry"),
        ["checksum not a number"] = (() => [.. Header("ok", '0', "0"), .. Header("sum", '0', "0", checksum: "zzzzzz\0 "), .. new byte[1024]], "after 'ok'"),
        ["huge size, data missing"] = (() => [.. Header("huge", '0', "77777777777")], "the first entry"),
        ["base-256 size beyond long"] = (() => [.. Header("b256", '0', "0", rawSize: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]), .. new byte[1024]], "the first entry"),
        ["truncated file data"] = (() => [.. Header("short", '0', "2000"), .. new byte[512]], "'short'"),
        ["huge GNU long name"] = (() => [.. Header("././@LongLink", 'L', "7777777777"), .. new byte[512]], "the first entry"),
        ["truncated GNU long name"] = (() => [.. Header("././@LongLink", 'L', "2000"), .. Block("longname")], "the first entry"),
        ["malformed pax record"] = (() => [.. Header("paxheader", 'x', "12"), .. Block("99 path=x\n\n"), .. Header("f", '0', "0"), .. new byte[1024]], "the first entry"),
        ["pax size not a number"] = (() => [.. Header("paxheader", 'x', "16"), .. Block("16 size=-5zzzzz\n"), .. Header("f", '0', "0"), .. new byte[1024]], "the first entry"),
        ["huge pax header"] = (() => [.. Header("paxheader", 'x', "77777777777"), .. new byte[512]], "the first entry"),
    };

    [Theory]
    [MemberData(nameof(HostileArchives))]
    public async Task CopyAsync_HostileArchive_IsAGuestfsExceptionNamingTheEntry(string name)
    {
        (Func<byte[]> build, string names) = s_hostile[name];

        Exception? e = await Record.ExceptionAsync(() => GuestTarFilter.CopyAsync(new MemoryStream(build()), new MemoryStream(), CancellationToken.None));

        GuestfsException guestfs = Assert.IsType<GuestfsException>(e);
        Assert.True(guestfs.Message.Contains(names, StringComparison.Ordinal), guestfs.Message);
        Assert.Equal("copy_out", guestfs.Procedure);
    }

    /// <summary>A ustar header block with a correct checksum (unless one is given).</summary>
    private static byte[] Header(string name, char type, string size, string mode = "0000644", string? checksum = null, byte[]? rawSize = null)
    {
        byte[] header = new byte[512];
        void Put(int offset, string text) => Encoding.ASCII.GetBytes(text).CopyTo(header, offset);
        Put(0, name);
        Put(100, mode);
        Put(108, "0000000");
        Put(116, "0000000");
        if (rawSize is not null)
        {
            rawSize.CopyTo(header, 124);
        }
        else
        {
            Put(124, size.PadLeft(11, '0'));
        }

        Put(136, "14000000000");
        header[156] = (byte)type;
        Put(257, "ustar\0");
        Put(263, "00");
        Put(148, "        ");
        int sum = header.Sum(b => b);
        Put(148, checksum ?? Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ");
        return header;
    }

    private static byte[] Block(string text)
    {
        byte[] block = new byte[512];
        Encoding.ASCII.GetBytes(text).CopyTo(block, 0);
        return block;
    }
}
