using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Guestfs.Protocol;

namespace Guestfs.Tests.Hardening;

/// <summary>
/// Replies captured from the stock guestfsd 1.48 (<c>Hardening/Corpus/NAME.SHAPE.reply</c>, see the README there):
/// what a real daemon sends, byte for byte, for calls of every reply shape, to seed the fuzz tests next to the
/// hand-built <see cref="ReplyCorpus"/>. The only change on loading: the serial of the reply header and of any
/// progress message is set to the first serial of a fresh connection, which is how the tests replay them.
/// </summary>
internal static class StockReplyCorpus
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Hardening", "Corpus");

    public static IReadOnlyList<ReplyCase> All { get; } = Load();

    private static List<ReplyCase> Load() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.reply")
            .Order(StringComparer.Ordinal)
            .Select(static path =>
            {
                string[] parts = Path.GetFileNameWithoutExtension(path).Split('.');
                byte[] bytes = File.ReadAllBytes(path);
                Procedure procedure = Reserialise(bytes);
                return new ReplyCase("stock-" + parts[0], procedure, Enum.Parse<ReplyShape>(parts[1]), bytes);
            })
            .ToList();

    /// <summary>Rewrites the serials in place and returns the reply's procedure.</summary>
    private static Procedure Reserialise(byte[] stream)
    {
        int at = 0;
        Procedure? procedure = null;
        while (at < stream.Length)
        {
            uint word = BinaryPrimitives.ReadUInt32BigEndian(stream.AsSpan(at));
            if (word == ProtocolConstants.ProgressFlag)
            {
                BinaryPrimitives.WriteUInt32BigEndian(stream.AsSpan(at + 8), ReplyCorpus.Serial);
                at += 4 + 24;
            }
            else if (word == ProtocolConstants.CancelFlag)
            {
                at += 4;
            }
            else
            {
                if (procedure is null)
                {
                    procedure = (Procedure)BinaryPrimitives.ReadUInt32BigEndian(stream.AsSpan(at + 4 + 8));
                    BinaryPrimitives.WriteUInt32BigEndian(stream.AsSpan(at + 4 + 16), ReplyCorpus.Serial);
                }

                at += 4 + (int)word;
            }
        }

        return procedure ?? throw new InvalidDataException("a corpus entry without a reply message");
    }
}
