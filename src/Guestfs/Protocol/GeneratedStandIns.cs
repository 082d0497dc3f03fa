// Hand-written stand-ins for types the generator will emit from idl/guestfs_protocol.x and the actions table.
// Names and shapes follow docs/architecture.md. When the generator is wired in, DELETE THIS FILE.
#pragma warning disable CS1591 // stand-ins: the generated versions carry the documentation
#pragma warning disable SA1402, SA1649 // several types in one file, on purpose (one file to delete)

using System.Collections.Generic;
using Guestfs.Xdr;

namespace Guestfs.Protocol
{
    /// <summary>Procedure numbers (stand-in: only the members the runtime uses).</summary>
    public enum Procedure
    {
        Mount = 1,
        Sync = 2,
        Touch = 3,
        ListDevices = 7,
        Mkdir = 32,
        Upload = 66,
        Download = 67,
        Checksum = 68,
        InternalWrite = 246,
        InternalAutosync = 282,
        InternalWriteAppend = 290,
        Ls0 = 347,
        InternalExit = 414,
        Statns = 421,
        Lstatns = 422,
    }

    /// <summary>Protocol constants (stand-in).</summary>
    public static class ProtocolConstants
    {
        public const int MaxProcNr = 510;
        public const int MessageMax = 4194304;
        public const uint Program = 0x2000F5F5;
        public const int ProtocolVersion = 4;
        public const uint LaunchFlag = 0xF5F55FF5;
        public const uint CancelFlag = 0xFFFFEEEE;
        public const uint ProgressFlag = 0xFFFF5555;
        public const int ErrorLen = 65536;
        public const int MaxChunkSize = 8192;
    }

    internal enum MessageDirection
    {
        Call = 0,
        Reply = 1,
    }

    internal enum MessageStatus
    {
        Ok = 0,
        Error = 1,
    }

    internal sealed record MessageHeader(uint Prog, uint Vers, Procedure Proc, MessageDirection Direction, uint Serial, ulong ProgressHint, ulong OptargsBitmask, MessageStatus Status)
        : IXdrEncodable, IXdrDecodable<MessageHeader>
    {
        public void Encode(ref XdrWriter writer)
        {
            writer.WriteUInt32(Prog);
            writer.WriteUInt32(Vers);
            writer.WriteInt32((int)Proc);
            writer.WriteInt32((int)Direction);
            writer.WriteUInt32(Serial);
            writer.WriteUInt64(ProgressHint);
            writer.WriteUInt64(OptargsBitmask);
            writer.WriteInt32((int)Status);
        }

        public static MessageHeader Decode(ref XdrReader reader) =>
            new(reader.ReadUInt32(), reader.ReadUInt32(), (Procedure)reader.ReadInt32(), (MessageDirection)reader.ReadInt32(),
                reader.ReadUInt32(), reader.ReadUInt64(), reader.ReadUInt64(), (MessageStatus)reader.ReadInt32());
    }

    internal sealed record MessageError(string ErrnoString, string ErrorMessage) : IXdrEncodable, IXdrDecodable<MessageError>
    {
        public void Encode(ref XdrWriter writer)
        {
            writer.WriteString(ErrnoString, 32);
            writer.WriteString(ErrorMessage, ProtocolConstants.ErrorLen);
        }

        public static MessageError Decode(ref XdrReader reader) =>
            new(reader.ReadString(32), reader.ReadString(ProtocolConstants.ErrorLen));
    }

    internal sealed record Progress(Procedure Proc, uint Serial, ulong Position, ulong Total) : IXdrEncodable, IXdrDecodable<Progress>
    {
        public void Encode(ref XdrWriter writer)
        {
            writer.WriteInt32((int)Proc);
            writer.WriteUInt32(Serial);
            writer.WriteUInt64(Position);
            writer.WriteUInt64(Total);
        }

        public static Progress Decode(ref XdrReader reader) =>
            new((Procedure)reader.ReadInt32(), reader.ReadUInt32(), reader.ReadUInt64(), reader.ReadUInt64());
    }

    internal sealed record Chunk(int Cancel, byte[] Data) : IXdrEncodable, IXdrDecodable<Chunk>
    {
        public void Encode(ref XdrWriter writer)
        {
            writer.WriteInt32(Cancel);
            writer.WriteOpaque(Data, ProtocolConstants.MaxChunkSize);
        }

        public static Chunk Decode(ref XdrReader reader) => new(reader.ReadInt32(), reader.ReadOpaque(ProtocolConstants.MaxChunkSize));
    }

    internal sealed record DownloadArgs(string Remotefilename) : IXdrEncodable
    {
        public void Encode(ref XdrWriter writer) => writer.WriteString(Remotefilename);
    }

    internal sealed record UploadArgs(string Remotefilename) : IXdrEncodable
    {
        public void Encode(ref XdrWriter writer) => writer.WriteString(Remotefilename);
    }

    internal sealed record Ls0Args(string Dir) : IXdrEncodable
    {
        public void Encode(ref XdrWriter writer) => writer.WriteString(Dir);
    }

    internal sealed record InternalWriteArgs(string Path, byte[] Content) : IXdrEncodable
    {
        public void Encode(ref XdrWriter writer)
        {
            writer.WriteString(Path);
            writer.WriteOpaque(Content);
        }
    }

    internal sealed record InternalWriteAppendArgs(string Path, byte[] Content) : IXdrEncodable
    {
        public void Encode(ref XdrWriter writer)
        {
            writer.WriteString(Path);
            writer.WriteOpaque(Content);
        }
    }

    internal sealed record StatnsArgs(string Path) : IXdrEncodable
    {
        public void Encode(ref XdrWriter writer) => writer.WriteString(Path);
    }

    internal sealed record StatnsRet(StatNS Statbuf) : IXdrDecodable<StatnsRet>
    {
        public static StatnsRet Decode(ref XdrReader reader) => new(StatNS.Decode(ref reader));
    }

    internal sealed record LstatnsArgs(string Path) : IXdrEncodable
    {
        public void Encode(ref XdrWriter writer) => writer.WriteString(Path);
    }

    internal sealed record LstatnsRet(StatNS Statbuf) : IXdrDecodable<LstatnsRet>
    {
        public static LstatnsRet Decode(ref XdrReader reader) => new(StatNS.Decode(ref reader));
    }
}

namespace Guestfs
{
    /// <summary>Optional arguments of <c>add_drive</c> (stand-in for the generated options record).</summary>
    public sealed record AddDriveOptions
    {
        public bool? Readonly { get; init; }
        public string? Format { get; init; }
        public string? Iface { get; init; }
        public string? Name { get; init; }
        public string? Label { get; init; }
        public string? Protocol { get; init; }
        public IReadOnlyList<string>? Server { get; init; }
        public string? Username { get; init; }
        public string? Secret { get; init; }
        public string? Cachemode { get; init; }
        public string? Discard { get; init; }
        public bool? Copyonread { get; init; }
        public int? Blocksize { get; init; }
    }

    /// <summary>Optional arguments of <c>add_drive_scratch</c> (stand-in for the generated options record).</summary>
    public sealed record AddDriveScratchOptions
    {
        public string? Name { get; init; }
        public string? Label { get; init; }
        public int? Blocksize { get; init; }
    }

    /// <summary>Library version (stand-in for the generated public record <c>guestfs_int_version</c>).</summary>
    public sealed record Version(long Major, long Minor, long Release, string Extra);

    /// <summary>File status (stand-in for the generated public record <c>guestfs_int_stat</c>).</summary>
    public sealed record Stat(long Dev, long Ino, long Mode, long Nlink, long Uid, long Gid, long Rdev, long Size,
        long Blksize, long Blocks, long Atime, long Mtime, long Ctime);

    /// <summary>File status with nanoseconds (stand-in for the generated public record <c>guestfs_int_statns</c>).</summary>
    public sealed record StatNS(long StDev, long StIno, long StMode, long StNlink, long StUid, long StGid, long StRdev,
        long StSize, long StBlksize, long StBlocks, long StAtimeSec, long StAtimeNsec, long StMtimeSec, long StMtimeNsec,
        long StCtimeSec, long StCtimeNsec, long StSpare1, long StSpare2, long StSpare3, long StSpare4, long StSpare5,
        long StSpare6) : IXdrEncodable, IXdrDecodable<StatNS>
    {
        public void Encode(ref XdrWriter writer)
        {
            foreach (long v in new[]
            {
                StDev, StIno, StMode, StNlink, StUid, StGid, StRdev, StSize, StBlksize, StBlocks, StAtimeSec, StAtimeNsec,
                StMtimeSec, StMtimeNsec, StCtimeSec, StCtimeNsec, StSpare1, StSpare2, StSpare3, StSpare4, StSpare5, StSpare6,
            })
            {
                writer.WriteInt64(v);
            }
        }

        public static StatNS Decode(ref XdrReader r) =>
            new(r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(),
                r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(),
                r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(),
                r.ReadInt64());
    }
}
