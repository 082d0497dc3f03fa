using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Guestfs.Protocol;
using Guestfs.Xdr;

namespace Guestfs.Fuzz;

/// <summary>Starting inputs: well-formed daemon output as guestfsd frames it, and small structured inputs for each codec.</summary>
internal static class Seeds
{
    public static IEnumerable<(string Name, byte[] Bytes)> For(string target) => target switch
    {
        "frame" => FrameSeeds(),
        "codecs" => CodecSeeds(),
        _ => throw new ArgumentException($"unknown target '{target}' (frame, codecs)", nameof(target)),
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
