using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CsCheck;
using Guestfs.Protocol;
using Xunit.Abstractions;

namespace Guestfs.Tests.Hardening;

/// <summary>
/// Property-based fuzzing of the whole receive path (framing, header, error, progress, chunk and <c>_ret</c>
/// decoding) over an in-memory channel: every input ends in a value or a typed Guestfs exception, a broken
/// connection exactly when the exception says so, allocations bounded by the message maximum, and no hang.
/// </summary>
public class ReceivePathFuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_caseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>One message's worth of buffer (rented for a large frame) plus the connection's own buffers and slack.</summary>
    private static long AllocationBound(byte[] input) => ProtocolConstants.MessageMax + (16L * input.Length) + (512 * 1024);

    [Fact]
    public async Task Corpus_Unmutated_EveryEntryDecodes()
    {
        foreach (ReplyCase c in ReplyCorpus.All)
        {
            RunResult r = await RunBounded(c, c.Bytes, null);
            bool daemonError = c.Name.Contains("error", StringComparison.Ordinal) || c.Name == "download-daemon-cancel";
            if (daemonError)
            {
                Assert.IsType<GuestfsException>(r.Failure);
            }
            else
            {
                Assert.Null(r.Failure);
            }

            Assert.False(r.Broken, c.Name);
        }
    }

    [Fact]
    public async Task MutatedReplies_EndInValueOrTypedException_BoundedAndNoHang()
    {
        long runs = 0;
        await ReplyMutator.MutatedReply.SampleAsync(async t =>
        {
            byte[] input = ReplyMutator.Apply(t.Case.Bytes, t.Mutations);
            RunResult r = await RunBounded(t.Case, input, t.Pieces);
            AssertTyped(t.Case, input, r);
            Interlocked.Increment(ref runs);
        }, iter: 3000, print: t => $"{t.Case.Name} {Convert.ToHexString(ReplyMutator.Apply(t.Case.Bytes, t.Mutations).AsSpan(0, Math.Min(256, ReplyMutator.Apply(t.Case.Bytes, t.Mutations).Length)))}");
        output.WriteLine($"{runs} mutated replies decoded");
    }

    [Fact]
    public async Task StockCorpus_Unmutated_EveryEntryDecodesAsTheDaemonMeantIt()
    {
        Assert.True(StockReplyCorpus.All.Count >= 10, $"only {StockReplyCorpus.All.Count} captured replies in {StockReplyCorpus.Directory}");
        Assert.Contains(StockReplyCorpus.All, static c => c.Shape == ReplyShape.Download && !c.Name.Contains("error", StringComparison.Ordinal));
        foreach (ReplyCase c in StockReplyCorpus.All)
        {
            var download = new System.IO.MemoryStream();
            RunResult r = await ReplyCorpus.RunAsync(c, c.Bytes, download: download);
            if (c.Name.Contains("error", StringComparison.Ordinal))
            {
                GuestfsException e = Assert.IsType<GuestfsException>(r.Failure);
                Assert.NotNull(e.Errno);
            }
            else
            {
                Assert.True(r.Failure is null, $"{c.Name}: {r.Failure}");
            }

            Assert.False(r.Broken, c.Name);
            if (c.Name == "stock-download")
            {
                Assert.Equal(Enumerable.Range(0, 10_000).Select(static i => (byte)(i * 7)), download.ToArray());
            }
        }
    }

    [Fact]
    public async Task MutatedStockReplies_EndInValueOrTypedException_BoundedAndNoHang()
    {
        long runs = 0;
        await ReplyMutator.MutatedStockReply.SampleAsync(async t =>
        {
            byte[] input = ReplyMutator.Apply(t.Case.Bytes, t.Mutations);
            RunResult r = await RunBounded(t.Case, input, t.Pieces);
            AssertTyped(t.Case, input, r);
            Interlocked.Increment(ref runs);
        }, iter: 3000, print: t => $"{t.Case.Name} {Convert.ToHexString(ReplyMutator.Apply(t.Case.Bytes, t.Mutations).AsSpan(0, Math.Min(256, ReplyMutator.Apply(t.Case.Bytes, t.Mutations).Length)))}");
        output.WriteLine($"{runs} mutated stock replies decoded");
    }

    [Fact]
    public async Task RandomReplies_EndInValueOrTypedException_BoundedAndNoHang()
    {
        Gen<(ReplyCase, byte[], int[])> gen = Gen.Select(
            Gen.Int[0, ReplyCorpus.All.Count - 1].Select(i => ReplyCorpus.All[i]),
            Gen.OneOf(Gen.Byte.Array[0, 200], ReplyMutator.XdrShaped),
            Gen.Int[1, 64].Array[0, 2]);
        await gen.SampleAsync(async t =>
        {
            (ReplyCase c, byte[] input, int[] pieces) = t;
            AssertTyped(c, input, await RunBounded(c, input, pieces));
        }, iter: 2000);
    }

    [Fact]
    public async Task WellFramedRandomBodies_EndInValueOrTypedException()
    {
        // Past the framing: a correct length word around a random or XDR-shaped body exercises the header and ret decoders.
        Gen<(ReplyCase, byte[])> gen = Gen.Select(
            Gen.Int[0, ReplyCorpus.All.Count - 1].Select(i => ReplyCorpus.All[i]),
            Gen.OneOf(Gen.Byte.Array[0, 200], ReplyMutator.XdrShaped));
        await gen.SampleAsync(async t =>
        {
            (ReplyCase c, byte[] body) = t;
            byte[] input = ReplyCorpus.Frame(ReplyCorpus.Concat(ReplyCorpus.Reply(c.Procedure), body)); // a valid OK header, then the fuzzed rest
            AssertTyped(c, input, await RunBounded(c, input, null));
        }, iter: 2000);
    }

    internal static async Task<RunResult> RunBounded(ReplyCase c, byte[] input, int[]? pieces)
    {
        // Measured on the worker thread: the in-memory channel completes synchronously, so the whole call runs there.
        Task<(Task<RunResult> Run, long Allocated)> work = Task.Run(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Task<RunResult> run = ReplyCorpus.RunAsync(c, input, pieces);
            return (run, GC.GetAllocatedBytesForCurrentThread() - before);
        });
        (Task<RunResult> run, long allocated) = await work.WaitAsync(s_caseTimeout);
        Assert.True(run.IsCompleted, $"{c.Name}: the call did not complete on data that ends (hang) for {Hex(input)}");
        Assert.True(allocated <= AllocationBound(input), $"{c.Name}: {allocated} bytes allocated for a {input.Length}-byte input {Hex(input)}");
        return await run;
    }

    internal static void AssertTyped(ReplyCase c, byte[] input, RunResult r)
    {
        switch (r.Failure)
        {
            case null:
                Assert.False(r.Broken, $"{c.Name}: success but the connection is broken");
                break;
            case GuestfsProtocolException or GuestfsConnectionException:
                Assert.True(r.Broken, $"{c.Name}: {r.Failure.GetType().Name} but the connection is usable");
                break;
            case GuestfsException e when e.GetType() == typeof(GuestfsException):
                Assert.False(r.Broken, $"{c.Name}: a daemon error broke the connection: {e.Message}");
                break;
            default:
                Assert.Fail($"{c.Name}: untyped failure {r.Failure.GetType().FullName}: {r.Failure} for {Hex(input)}");
                break;
        }
    }

    private static string Hex(byte[] input) => Convert.ToHexString(input.AsSpan(0, Math.Min(input.Length, 256)));
}
