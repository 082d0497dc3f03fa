using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Tests.Engine;
using Guestfs.Xdr;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guestfs.Tests.Hardening;

/// <summary>How a corpus entry's call is made: which <c>_ret</c> type is decoded, and whether a download follows.</summary>
internal enum ReplyShape
{
    None,
    String,
    Int,
    Opaque,
    StringList,
    Statns,
    Download,
}

/// <summary>What a scripted call ended in.</summary>
internal sealed record RunResult(Exception? Failure, bool Broken, ScriptedReplyStream Stream);

/// <summary>One scripted daemon answer to the first call of a connection (serial <see cref="GuestfsConnection.FirstSerial"/>).</summary>
internal sealed record ReplyCase(string Name, Procedure Procedure, ReplyShape Shape, byte[] Bytes)
{
    public override string ToString() => Name;
}

/// <summary>
/// Well-formed daemon replies, byte for byte as guestfsd frames them (the fake daemon's scripts, written out):
/// the seeds that fuzzing mutates and that the fault tests cut at every offset.
/// </summary>
internal static class ReplyCorpus
{
    public const uint Serial = GuestfsConnection.FirstSerial;

    public static IReadOnlyList<ReplyCase> All { get; } = Build();

    private static List<ReplyCase> Build()
    {
        var random = new Random(1048);
        byte[] big = new byte[100_000];
        random.NextBytes(big);
        byte[] chunkData = new byte[ProtocolConstants.MaxChunkSize];
        random.NextBytes(chunkData);

        return
        [
            new("ok-no-ret", Procedure.Sync, ReplyShape.None, Frame(Reply(Procedure.Sync))),
            new("ok-string", (Procedure)34, ReplyShape.String, Frame(Reply((Procedure)34, w => w.WriteString("/usr/lib/target")))),
            new("ok-int", (Procedure)218, ReplyShape.Int, Frame(Reply((Procedure)218, w => w.WriteInt32(42)))),
            new("ok-string-list", (Procedure)7, ReplyShape.StringList, Frame(Reply((Procedure)7, w =>
            {
                w.WriteUInt32(3);
                w.WriteString("/dev/sda");
                w.WriteString("/dev/sdb");
                w.WriteString("/dev/sdc");
            }))),
            new("ok-statns", Procedure.Statns, ReplyShape.Statns, Frame(Reply(Procedure.Statns, w =>
            {
                for (int i = 0; i < 22; i++)
                {
                    w.WriteInt64(i * 1000L);
                }
            }))),
            new("error-enoent", Procedure.Mount, ReplyShape.None, Frame(Error(Procedure.Mount, "ENOENT", "mount: /dev/sda9: No such file or directory"))),
            new("progress-then-ok", (Procedure)218, ReplyShape.Int, Concat(
                ProgressMessage((Procedure)218, 10, 100), ProgressMessage((Procedure)218, 100, 100), Frame(Reply((Procedure)218, w => w.WriteInt32(7))))),
            new("stray-cancel-then-ok", Procedure.Sync, ReplyShape.None, Concat(Word(ProtocolConstants.CancelFlag), Frame(Reply(Procedure.Sync)))),
            new("ok-large-opaque", (Procedure)146, ReplyShape.Opaque, Frame(Reply((Procedure)146, w => w.WriteOpaque(big)))),
            new("download", Procedure.Download, ReplyShape.Download, Concat(
                Frame(Reply(Procedure.Download)), Frame(Chunk(0, chunkData)), Frame(Chunk(0, chunkData.AsSpan(0, 1001).ToArray())), Frame(Chunk(0, [])))),
            new("download-daemon-cancel", Procedure.Download, ReplyShape.Download, Concat(
                Frame(Reply(Procedure.Download)), Frame(Chunk(0, chunkData.AsSpan(0, 17).ToArray())), Frame(Chunk(1, [])))),
            new("download-error", Procedure.Download, ReplyShape.Download, Frame(Error(Procedure.Download, "EACCES", "download: /root: Permission denied"))),
        ];
    }

    /// <summary>Runs the entry's call on a fresh connection fed <paramref name="bytes"/>: what it threw and whether it broke the connection.</summary>
    public static async Task<RunResult> RunAsync(
        ReplyCase shape, byte[] bytes, int[]? pieces = null, bool stallAtEnd = false, Stream? download = null, CancellationToken cancellationToken = default)
    {
        var stream = new ScriptedReplyStream(bytes, pieces, stallAtEnd);
        var connection = new GuestfsConnection(stream, NullLogger.Instance);
        try
        {
            await ExecuteAsync(connection, shape, download, cancellationToken).ConfigureAwait(false);
            return new RunResult(null, connection.IsBroken, stream);
        }
        catch (Exception e)
        {
            return new RunResult(e, connection.IsBroken, stream);
        }
        finally
        {
            connection.Abort("test finished");
        }
    }

    public static async Task ExecuteAsync(GuestfsConnection c, ReplyCase shape, Stream? download, CancellationToken ct)
    {
        Procedure p = shape.Procedure;
        switch (shape.Shape)
        {
            case ReplyShape.None:
                await c.ExecuteAsync<NoReply>(p, null, 0, null, null, "fuzz", null, ct).ConfigureAwait(false);
                break;
            case ReplyShape.String:
                await c.ExecuteAsync<StringRet>(p, null, 0, null, null, "fuzz", null, ct).ConfigureAwait(false);
                break;
            case ReplyShape.Int:
                await c.ExecuteAsync<IntRet>(p, null, 0, null, null, "fuzz", null, ct).ConfigureAwait(false);
                break;
            case ReplyShape.Opaque:
                await c.ExecuteAsync<OpaqueRet>(p, null, 0, null, null, "fuzz", null, ct).ConfigureAwait(false);
                break;
            case ReplyShape.StringList:
                await c.ExecuteAsync<StringListRet>(p, null, 0, null, null, "fuzz", null, ct).ConfigureAwait(false);
                break;
            case ReplyShape.Statns:
                await c.ExecuteAsync<StatnsRet>(p, null, 0, null, null, "fuzz", null, ct).ConfigureAwait(false);
                break;
            case ReplyShape.Download:
                await c.ExecuteAsync<NoReply>(p, null, 0, null, download ?? Stream.Null, "fuzz", null, ct).ConfigureAwait(false);
                break;
        }
    }

    public static byte[] Reply(Procedure proc, Action<XdrWriter>? ret = null) => Encode(w =>
    {
        new MessageHeader(ProtocolConstants.Program, 4, proc, MessageDirection.Reply, Serial, 0, 0, MessageStatus.Ok).Encode(ref w);
        ret?.Invoke(w);
    });

    public static byte[] Error(Procedure proc, string errno, string message) => Encode(w =>
    {
        new MessageHeader(ProtocolConstants.Program, 4, proc, MessageDirection.Reply, Serial, 0, 0, MessageStatus.Error).Encode(ref w);
        new MessageError(errno, message).Encode(ref w);
    });

    /// <summary>An error reply whose strings are written without the protocol's maxima (as a hostile daemon could).</summary>
    public static byte[] UncheckedError(Procedure proc, string errno, string message) => Encode(w =>
    {
        new MessageHeader(ProtocolConstants.Program, 4, proc, MessageDirection.Reply, Serial, 0, 0, MessageStatus.Error).Encode(ref w);
        w.WriteString(errno);
        w.WriteString(message);
    });

    public static byte[] Chunk(int cancel, byte[] data) => Encode(w => new Protocol.Chunk(cancel, data).Encode(ref w));

    public static byte[] ProgressMessage(Procedure proc, ulong position, ulong total) => Encode(w =>
    {
        w.WriteUInt32(ProtocolConstants.ProgressFlag);
        new Progress(proc, Serial, position, total).Encode(ref w);
    });

    public static byte[] Frame(byte[] body)
    {
        byte[] framed = new byte[4 + body.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(framed, (uint)body.Length);
        body.CopyTo(framed, 4);
        return framed;
    }

    public static byte[] Word(uint word)
    {
        byte[] b = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b, word);
        return b;
    }

    public static byte[] Concat(params byte[][] parts)
    {
        var all = new List<byte>();
        foreach (byte[] p in parts)
        {
            all.AddRange(p);
        }

        return all.ToArray();
    }

    private static byte[] Encode(Action<XdrWriter> write)
    {
        using var buffer = new PooledBufferWriter();
        write(new XdrWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }
}
