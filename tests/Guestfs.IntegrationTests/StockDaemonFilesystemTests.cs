using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.IntegrationTests;

/// <summary>The runtime against the stock guestfsd 1.48 on a unix socket (fenced), one daemon for the class.</summary>
public class StockDaemonFilesystemTests(FilesystemFixture fixture) : IClassFixture<FilesystemFixture>
{
    private GuestfsHandle G => fixture.Handle;

    [Fact]
    public async Task WriteThenCat_RoundTripsText()
    {
        await G.WriteAsync("/hello.txt", Encoding.UTF8.GetBytes("hello from .NET\nline 2\n"));
        Assert.Equal("hello from .NET\nline 2\n", await G.CatAsync("/hello.txt"));
        await G.WriteAppendAsync("/hello.txt", Encoding.UTF8.GetBytes("line 3\n"));
        Assert.Equal(new[] { "hello from .NET", "line 2", "line 3" }, await G.ReadLinesAsync("/hello.txt"));
        Assert.Equal(Encoding.UTF8.GetBytes("hello from .NET\nline 2\nline 3\n"), await G.ReadFileAsync("/hello.txt"));
    }

    [Fact]
    public async Task MkdirThenLs_ListsSortedNames()
    {
        await G.MkdirAsync("/dir");
        await G.MkdirAsync("/dir/sub");
        await G.WriteAsync("/dir/b.txt", new byte[] { 1 });
        await G.WriteAsync("/dir/a.txt", new byte[] { 2 });
        Assert.Equal(new[] { "a.txt", "b.txt", "sub" }, await G.LsAsync("/dir"));
        Assert.Contains("lost+found", await G.LsAsync("/"));
    }

    [Fact]
    public async Task Find_ListsEverythingBelowSorted()
    {
        await G.MkdirPAsync("/tree/x/y");
        await G.WriteAsync("/tree/x/y/z.txt", new byte[] { 1 });
        await G.WriteAsync("/tree/b", new byte[] { 2 });
        // As stock libguestfs 1.48.6 returns them: relative to the directory, each with a leading slash.
        Assert.Equal(new[] { "/b", "/x", "/x/y", "/x/y/z.txt" }, await G.FindAsync("/tree"));
        await Assert.ThrowsAsync<ArgumentException>(() => G.FindAsync("relative"));
    }

    [Fact]
#pragma warning disable CS0618 // stat and lstat are deprecated in libguestfs; they are tested on purpose
    public async Task Stat_ReportsSizeAndMode()
    {
        await G.WriteAsync("/stat.bin", new byte[1234]);
        Stat s = await G.StatAsync("/stat.bin");
        Assert.Equal(1234, s.Size);
        Assert.Equal(0x8000, s.Mode & 0xF000); // S_IFREG
        Stat d = await G.LstatAsync("/");
        Assert.Equal(0x4000, d.Mode & 0xF000); // S_IFDIR
        Assert.True(s.Mtime > 1_600_000_000);
    }
#pragma warning restore CS0618

    [Fact]
    public async Task CatMissingFile_GuestfsExceptionWithEnoent()
    {
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => G.CatAsync("/no/such/file"));
        Assert.Equal("ENOENT", e.Errno);
        Assert.Contains("No such file or directory", e.Message);
        Assert.Equal(GuestfsState.Ready, G.State); // an error reply leaves the handle usable
        await G.SyncAsync();
    }

    [Fact]
    public async Task ListDevicesAndFilesystems_SeeOnlyTheFencedDisk()
    {
        Assert.Equal(new[] { "/dev/sda" }, await G.ListDevicesAsync());
        Assert.Equal(new[] { "/dev/sda1" }, await G.ListPartitionsAsync());
        IReadOnlyDictionary<string, string> fs = await G.ListFilesystemsAsync();
        Assert.Equal("ext4", fs["/dev/sda1"]);
    }

    [Theory]
    [InlineData(10L << 20, true)]
    [InlineData(200L << 20, false)]
    public async Task UploadThenDownload_ChecksumsMatchAndClientMemoryBounded(long size, bool seekable)
    {
        string remote = $"/big-{size}.bin";
        var source = new GeneratedStream(size, seed: (int)(size >> 20), seekable);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        await G.UploadAsync(source, remote);
        long uploadAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        string sourceHash = source.Sha256Hex();

        Assert.Equal(size, await G.FilesizeAsync(remote));
        Assert.Equal(sourceHash, await G.ChecksumAsync("sha256", remote));

        var sink = new HashingStream();
        allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        await G.DownloadAsync(remote, sink);
        long downloadAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.Equal(size, sink.Count);
        Assert.Equal(sourceHash, sink.Sha256Hex());

        // The file never passes through memory as a whole: allocations stay far below its size.
        Assert.True(uploadAllocated < Math.Min(size / 4, 16L << 20), $"upload of {size} bytes allocated {uploadAllocated} bytes");
        Assert.True(downloadAllocated < Math.Min(size / 4, 16L << 20), $"download of {size} bytes allocated {downloadAllocated} bytes");
        Console.WriteLine($"{size >> 20} MiB: upload allocated {uploadAllocated / 1024} KiB, download allocated {downloadAllocated / 1024} KiB");
    }

    [Fact]
    public async Task SlowDownload_ProgressReportedAndRaisedAsEvents()
    {
        const long size = 8L << 20;
        await G.UploadAsync(new GeneratedStream(size, seed: 3), "/progress.bin");
        var reports = new List<GuestfsProgress>();
        var events = new List<IReadOnlyList<ulong>>();
        int id = G.SetEventCallback((_, _, e) => { lock (events) { events.Add(e.Array); } }, GuestfsEvents.Progress);
        try
        {
            // About 1024 chunks at 3 ms each: well over the daemon's 2 s before its first progress message.
            var sink = new HashingStream(TimeSpan.FromMilliseconds(3));
            await G.DownloadAsync("/progress.bin", sink, new SyncProgress(p => { lock (reports) { reports.Add(p); } }));
            Assert.Equal(size, sink.Count);
        }
        finally
        {
            G.DeleteEventCallback(id);
        }

        Assert.NotEmpty(reports);
        Assert.All(reports, p => Assert.Equal(67, p.Procedure));
        Assert.All(reports, p => Assert.Equal((ulong)size, p.Total));
        Assert.True(reports.Zip(reports.Skip(1)).All(pair => pair.First.Position <= pair.Second.Position));
        Assert.Equal(reports.Count, events.Count);
    }

    [Fact]
    public async Task CancelledUpload_ThenNextCallSucceeds()
    {
        using var cts = new CancellationTokenSource();
        var source = new CancellingStream(40L << 20, cancelAfter: 5L << 20, cts);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => G.UploadAsync(source, "/cancelled.bin", cancellationToken: cts.Token));
        Assert.Equal(GuestfsState.Ready, G.State);

        await G.WriteAsync("/after-cancel.txt", Encoding.UTF8.GetBytes("still working"));
        Assert.Equal("still working", await G.CatAsync("/after-cancel.txt"));
    }

    [Fact]
    public async Task CancelledDownload_ThenNextCallSucceeds()
    {
        await G.UploadAsync(new GeneratedStream(20L << 20, seed: 9), "/to-cancel.bin");
        using var cts = new CancellationTokenSource();
        var sink = new CancellingSink(cancelAfter: 1L << 20, cts);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => G.DownloadAsync("/to-cancel.bin", sink, cancellationToken: cts.Token));
        Assert.Equal(GuestfsState.Ready, G.State);
        Assert.Equal(20L << 20, await G.FilesizeAsync("/to-cancel.bin"));
    }

    private sealed class SyncProgress(Action<GuestfsProgress> report) : IProgress<GuestfsProgress>
    {
        public void Report(GuestfsProgress value) => report(value);
    }

    /// <summary>Generated bytes until <paramref name="cancelAfter"/>, then cancels the caller's token and waits for it.</summary>
    private sealed class CancellingStream(long length, long cancelAfter, CancellationTokenSource cts) : SourceStream
    {
        private readonly GeneratedStream _inner = new(length, 5);

        protected override async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            if (Position >= cancelAfter)
            {
                cts.Cancel();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return await _inner.ReadAsync(buffer, cancellationToken);
        }
    }

    /// <summary>Takes bytes until <paramref name="cancelAfter"/> have come, then cancels the caller's token.</summary>
    private sealed class CancellingSink(long cancelAfter, CancellationTokenSource cts) : SinkStream
    {
        protected override ValueTask WriteCoreAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
        {
            if (Count + buffer.Length >= cancelAfter)
            {
                cts.Cancel();
            }

            return ValueTask.CompletedTask;
        }
    }
}
