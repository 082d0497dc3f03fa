using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Guestfs.Protocol;
using Guestfs.Xdr;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guestfs.Benchmarks;

/// <summary>
/// One call through the protocol engine (<c>GuestfsConnection.ExecuteAsync</c>): encode the header and arguments,
/// frame, write, read the reply frame, check and decode it. The daemon is <see cref="LoopbackDaemonStream"/>, so this
/// is the client's whole per-call CPU cost, the part of a small call the library adds.
/// </summary>
[MemoryDiagnoser]
public class FramingBenchmarks
{
    private static readonly ExistsArgs s_existsArgs = new("/");
    private static readonly StatnsArgs s_statnsArgs = new("/");
    private GuestfsConnection _exists = null!;
    private GuestfsConnection _statns = null!;

    /// <summary>Builds one connection per call kind, each answering with a fixed reply.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _exists = new GuestfsConnection(new LoopbackDaemonStream(ReplyFrame(Procedure.Exists, new ExistsRet(true))), NullLogger.Instance);
        var stat = new StatNs(2049, 2, 0x41ED, 3, 0, 0, 0, 4096, 4096, 8, 1_700_000_000, 1, 1_700_000_000, 2, 1_700_000_000, 3, 0, 0, 0, 0, 0, 0);
        _statns = new GuestfsConnection(new LoopbackDaemonStream(ReplyFrame(Procedure.Statns, new StatnsRet(stat))), NullLogger.Instance);
    }

    /// <summary><c>exists("/")</c>: a one-string call and a one-bool reply.</summary>
    /// <returns>The call.</returns>
    [Benchmark(Baseline = true)]
    public Task Exists() =>
        _exists.ExecuteAsync<ExistsRet>(Procedure.Exists, s_existsArgs, 0, null, null, "exists", null, CancellationToken.None);

    /// <summary><c>statns("/")</c>: a one-string call and a 22-field reply.</summary>
    /// <returns>The call.</returns>
    [Benchmark]
    public Task Statns() =>
        _statns.ExecuteAsync<StatnsRet>(Procedure.Statns, s_statnsArgs, 0, null, null, "statns", null, CancellationToken.None);

    private static byte[] ReplyFrame(Procedure procedure, IXdrEncodable ret)
    {
        using var buffer = new PooledBufferWriter(256);
        buffer.GetSpan(4);
        buffer.Advance(4);
        var writer = new XdrWriter(buffer);
        new MessageHeader(ProtocolConstants.Program, (uint)ProtocolConstants.ProtocolVersion, procedure, MessageDirection.Reply, 0, 0, 0, MessageStatus.Ok)
            .Encode(ref writer);
        ret.Encode(ref writer);
        byte[] frame = buffer.WrittenSpan.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)(frame.Length - 4));
        return frame;
    }
}
