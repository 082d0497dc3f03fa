using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using Guestfs.Protocol;

namespace Guestfs.Tests.Hardening;

/// <summary>One change to a reply: the kinds a byte-level fuzzer makes, plus words that sit on the protocol's limits.</summary>
internal sealed record Mutation(int Kind, int Position, int Value, byte[] Bytes);

/// <summary>CsCheck generators for hostile replies: mutated corpus entries and XDR-shaped random data.</summary>
internal static class ReplyMutator
{
    /// <summary>Words that matter to the decoders: flags, limits and their neighbours, sign and size edges.</summary>
    public static readonly uint[] InterestingWords =
    [
        0, 1, 2, 3, 4, 5, 8, 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff,
        ProtocolConstants.MessageMax - 1, ProtocolConstants.MessageMax, ProtocolConstants.MessageMax + 1,
        ProtocolConstants.ErrorLen - 1, ProtocolConstants.ErrorLen, ProtocolConstants.ErrorLen + 1,
        ProtocolConstants.MaxChunkSize, ProtocolConstants.MaxChunkSize + 1, 65532, 65536, 32, 33,
        ProtocolConstants.ProgressFlag, ProtocolConstants.CancelFlag, ProtocolConstants.LaunchFlag, ProtocolConstants.Program,
        GuestfsConnection.FirstSerial, GuestfsConnection.FirstSerial + 1, 0x40000000,
    ];

    public static readonly Gen<Mutation> Mutation =
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Byte.Array[1, 12],
            (kind, position, value, bytes) => new Mutation(kind, position, value, bytes));

    /// <summary>A corpus entry, a few mutations of it, and how the channel splits it into reads.</summary>
    public static readonly Gen<(ReplyCase Case, Mutation[] Mutations, int[] Pieces)> MutatedReply =
        Gen.Select(Gen.Int[0, ReplyCorpus.All.Count - 1], Mutation.Array[1, 6], Gen.Int[1, 9000].Array[0, 3],
            (index, mutations, pieces) => (ReplyCorpus.All[index], mutations, pieces));

    /// <summary>The same mutations over the replies captured from the stock guestfsd (<see cref="StockReplyCorpus"/>).</summary>
    public static readonly Gen<(ReplyCase Case, Mutation[] Mutations, int[] Pieces)> MutatedStockReply =
        Gen.Select(Gen.Int[0, StockReplyCorpus.All.Count - 1], Mutation.Array[1, 6], Gen.Int[1, 9000].Array[0, 3],
            (index, mutations, pieces) => (StockReplyCorpus.All[index], mutations, pieces));

    /// <summary>Data shaped like XDR: small counts, limit words, length-prefixed strings, hypers, raw bytes.</summary>
    public static readonly Gen<byte[]> XdrShaped = Gen.OneOf(
            Gen.Int[0, 4].Select(i => Word((uint)i)),
            Gen.Int[0, InterestingWords.Length - 1].Select(i => Word(InterestingWords[i])),
            Gen.Byte.Array[0, 40].Select(s => Word((uint)s.Length).Concat(s).Concat(new byte[(4 - (s.Length & 3)) & 3]).ToArray()),
            Gen.Byte.Array[8],
            Gen.Byte.Array[1, 8])
        .Array[0, 48]
        .Select(parts => parts.SelectMany(p => p).ToArray());

    /// <summary>Random bytes or XDR-shaped data, for codecs.</summary>
    public static readonly Gen<byte[]> CodecInput = Gen.OneOf(Gen.Byte.Array[0, 256], XdrShaped);

    public static byte[] Apply(byte[] original, IEnumerable<Mutation> mutations)
    {
        var data = new List<byte>(original);
        foreach (Mutation m in mutations)
        {
            int pos = data.Count == 0 ? 0 : m.Position % (data.Count + 1);
            switch (m.Kind)
            {
                case 0 when pos < data.Count:
                    data[pos] ^= (byte)(1 << (m.Value & 7));
                    break;
                case 1 when pos < data.Count:
                    data[pos] = (byte)m.Value;
                    break;
                case 2:
                {
                    int at = pos & ~3;
                    byte[] word = Word(InterestingWords[m.Value % InterestingWords.Length]);
                    for (int i = 0; i < 4; i++)
                    {
                        if (at + i < data.Count)
                        {
                            data[at + i] = word[i];
                        }
                    }

                    break;
                }

                case 3:
                    data.InsertRange(pos, m.Bytes);
                    break;
                case 4:
                    data.RemoveRange(pos, Math.Min(m.Value % 33, data.Count - pos));
                    break;
                case 5:
                    data.RemoveRange(pos, data.Count - pos);
                    break;
                default:
                    // Duplicate a stretch (a repeated chunk or message).
                    int length = Math.Min(m.Value % 64, data.Count - pos);
                    data.InsertRange(pos, data.GetRange(pos, length));
                    break;
            }
        }

        return data.ToArray();
    }

    public static byte[] Word(uint word)
    {
        byte[] b = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b, word);
        return b;
    }
}
