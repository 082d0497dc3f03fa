using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends.Direct;

namespace Guestfs.Tests.Backends;

/// <summary>
/// Lines from the appliance (the snapshot port) and from qemu's monitor are read with a bound: an endless line
/// without a newline fails with a clear error after a few KiB instead of growing a buffer for as long as it comes.
/// </summary>
public sealed class GuestLineBoundTests : IDisposable
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(10);
    private readonly string _directory = Directory.CreateTempSubdirectory("gfs-lines-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task SnapshotPort_EndlessLine_FailsAfterTheCapReadingNoMore()
    {
        (Socket ours, Socket guest) = await PairAsync();
        using (ours)
        using (guest)
        {
            const int Sent = 64 * 1024;
            await guest.SendAsync(Encoding.ASCII.GetBytes(new string('x', Sent)), SocketFlags.None);

            IOException e = await Assert.ThrowsAsync<IOException>(() => SnapshotLauncher.ReadLineAsync(ours, CancellationToken.None).WaitAsync(s_limit));
            Assert.Contains("the snapshot port sent a line longer than 4096 bytes", e.Message, StringComparison.Ordinal);

            // A byte at a time: it stopped one byte past the cap, the rest is still in the socket.
            Assert.Equal(Sent - BoundedLineReader.ApplianceLineMax - 1, ours.Available);
        }
    }

    [Fact]
    public async Task SnapshotPort_ShortLines_ReadOneAtATimeNothingPastTheNewlineConsumed()
    {
        (Socket ours, Socket guest) = await PairAsync();
        using (ours)
        using (guest)
        {
            await guest.SendAsync(Encoding.ASCII.GetBytes("ready\r\ndone boot=0.1\nrest"), SocketFlags.None);
            Assert.Equal("ready", await SnapshotLauncher.ReadLineAsync(ours, CancellationToken.None).WaitAsync(s_limit));
            Assert.Equal("done boot=0.1", await SnapshotLauncher.ReadLineAsync(ours, CancellationToken.None).WaitAsync(s_limit));
            Assert.Equal(4, ours.Available);
        }
    }

    [Fact]
    public async Task Qmp_EndlessGreeting_FailsWithBoundedRead()
    {
        (Socket ours, Socket qemu) = await PairAsync();
        using (qemu)
        {
            using var client = new QmpClient(ours);
            using var flood = new CancellationTokenSource();
            Task sender = Task.Run(async () =>
            {
                byte[] block = Encoding.ASCII.GetBytes(new string('{', 64 * 1024));
                try
                {
                    while (!flood.IsCancellationRequested)
                    {
                        await qemu.SendAsync(block, SocketFlags.None, flood.Token);
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException)
                {
                }
            });

            IOException e = await Assert.ThrowsAsync<IOException>(() => client.InitializeAsync(CancellationToken.None).WaitAsync(s_limit));
            Assert.Contains("qemu's monitor (QMP) sent a line longer than 65536 bytes", e.Message, StringComparison.Ordinal);
            await flood.CancelAsync();
            qemu.Shutdown(SocketShutdown.Both);
            await sender.WaitAsync(s_limit);
        }
    }

    [Fact]
    public async Task Reader_EndlessStream_ReadsAtMostCapPlusOneBuffer()
    {
        var endless = new FilledSource(long.MaxValue, (byte)'y');
        var reader = new BoundedLineReader(endless, 4096, "the test stream", bufferSize: 1024);
        IOException e = await Assert.ThrowsAsync<IOException>(() => reader.ReadLineAsync(CancellationToken.None));
        Assert.Contains("longer than 4096 bytes", e.Message, StringComparison.Ordinal);
        Assert.InRange(endless.Position, 4096, 4096 + 1024);
    }

    [Fact]
    public async Task Reader_LineOfExactlyTheCap_Accepted_EndInsideALine_Fails()
    {
        byte[] text = Encoding.ASCII.GetBytes(new string('a', 16) + "\n" + "partial");
        var reader = new BoundedLineReader(new MemoryStream(text), 16, "the test stream", bufferSize: 5);
        Assert.Equal(new string('a', 16), await reader.ReadLineAsync(CancellationToken.None));
        IOException e = await Assert.ThrowsAsync<IOException>(() => reader.ReadLineAsync(CancellationToken.None));
        Assert.Contains("closed in the middle of a line", e.Message, StringComparison.Ordinal);
        Assert.Null(await new BoundedLineReader(new MemoryStream([]), 16, "empty").ReadLineAsync(CancellationToken.None));
    }

    [Fact]
    public void ConsoleTail_EndlessLineWithoutNewline_KeepsAtMostTwiceTheCapacity()
    {
        // The console is pumped in chunks, never assembled into lines; the tail keeps a bounded window of it.
        var tail = new ConsoleTail(4096);
        string chunk = new('z', 4096);
        for (int i = 0; i < 10_000; i++)
        {
            tail.Append(chunk);
        }

        string kept = tail.GetTail();
        Assert.InRange(kept.Length, 4096, 2 * 4096);
        Assert.DoesNotContain('\n', kept);
    }

    private async Task<(Socket Ours, Socket Peer)> PairAsync()
    {
        string path = Path.Combine(_directory, Guid.NewGuid().ToString("N")[..8]);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var peer = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await peer.ConnectAsync(new UnixDomainSocketEndPoint(path));
        Socket ours = await listener.AcceptAsync();
        return (ours, peer);
    }
}
