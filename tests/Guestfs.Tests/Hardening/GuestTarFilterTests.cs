using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

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
    public async Task CopyAsync_NotATarArchive_ThrowsInvalidDataAndDisposesTheInput()
    {
        byte[] garbage = Enumerable.Range(0, 2048).Select(i => (byte)(i * 7 + 1)).ToArray();
        var input = new TrackingStream(garbage);

        await Assert.ThrowsAsync<InvalidDataException>(() => GuestTarFilter.CopyAsync(input, new MemoryStream(), CancellationToken.None));

        Assert.True(input.Disposed);
    }
}
