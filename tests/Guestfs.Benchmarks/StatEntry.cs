using System;
using Guestfs.Xdr;

namespace Guestfs.Benchmarks;

/// <summary>
/// A 13-field structure shaped like libguestfs's directory and stat records (two strings, seven hypers,
/// three ints, one opaque), with a codec written the way the generator emits them: one try block per
/// structure and a "current field" local that an exception filter adds to the error path.
/// </summary>
public sealed record StatEntry : IXdrEncodable, IXdrDecodable<StatEntry>
{
    /// <summary>Declared maximum of <see cref="Name"/>.</summary>
    public const uint MaxName = 4096;

    /// <summary>Declared maximum of <see cref="Digest"/>.</summary>
    public const uint MaxDigest = 64;

    /// <summary>Smallest encoding: 2 string lengths, 7 hypers, 3 ints, 1 opaque length.</summary>
    public const int MinEncodedSize = (2 * 4) + (7 * 8) + (3 * 4) + 4;

    /// <summary>File name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Symbolic link target, empty for other files.</summary>
    public string Target { get; init; } = string.Empty;

    /// <summary>Inode number.</summary>
    public long Ino { get; init; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; init; }

    /// <summary>Mode bits.</summary>
    public int Mode { get; init; }

    /// <summary>Owner.</summary>
    public int Uid { get; init; }

    /// <summary>Group.</summary>
    public int Gid { get; init; }

    /// <summary>Link count.</summary>
    public long Nlink { get; init; }

    /// <summary>Access time.</summary>
    public long Atime { get; init; }

    /// <summary>Modification time.</summary>
    public long Mtime { get; init; }

    /// <summary>Change time.</summary>
    public long Ctime { get; init; }

    /// <summary>Allocated blocks.</summary>
    public long Blocks { get; init; }

    /// <summary>Content digest.</summary>
    public byte[] Digest { get; init; } = Array.Empty<byte>();

    /// <inheritdoc />
    public static StatEntry Decode(ref XdrReader reader)
    {
        string field = "name";
        try
        {
            string name = reader.ReadString(MaxName);
            field = "target";
            string target = reader.ReadString(MaxName);
            field = "ino";
            long ino = reader.ReadInt64();
            field = "size";
            long size = reader.ReadInt64();
            field = "mode";
            int mode = reader.ReadInt32();
            field = "uid";
            int uid = reader.ReadInt32();
            field = "gid";
            int gid = reader.ReadInt32();
            field = "nlink";
            long nlink = reader.ReadInt64();
            field = "atime";
            long atime = reader.ReadInt64();
            field = "mtime";
            long mtime = reader.ReadInt64();
            field = "ctime";
            long ctime = reader.ReadInt64();
            field = "blocks";
            long blocks = reader.ReadInt64();
            field = "digest";
            byte[] digest = reader.ReadOpaque(MaxDigest);
            return new StatEntry
            {
                Name = name,
                Target = target,
                Ino = ino,
                Size = size,
                Mode = mode,
                Uid = uid,
                Gid = gid,
                Nlink = nlink,
                Atime = atime,
                Mtime = mtime,
                Ctime = ctime,
                Blocks = blocks,
                Digest = digest,
            };
        }
        catch (XdrException e) when (e.AddPathSegment(field))
        {
            throw;
        }
    }

    /// <inheritdoc />
    public void Encode(ref XdrWriter writer)
    {
        string field = "name";
        try
        {
            writer.WriteString(Name, MaxName);
            field = "target";
            writer.WriteString(Target, MaxName);
            field = "ino";
            writer.WriteInt64(Ino);
            field = "size";
            writer.WriteInt64(Size);
            field = "mode";
            writer.WriteInt32(Mode);
            field = "uid";
            writer.WriteInt32(Uid);
            field = "gid";
            writer.WriteInt32(Gid);
            field = "nlink";
            writer.WriteInt64(Nlink);
            field = "atime";
            writer.WriteInt64(Atime);
            field = "mtime";
            writer.WriteInt64(Mtime);
            field = "ctime";
            writer.WriteInt64(Ctime);
            field = "blocks";
            writer.WriteInt64(Blocks);
            field = "digest";
            writer.WriteOpaque(Digest, MaxDigest);
        }
        catch (XdrException e) when (e.AddPathSegment(field))
        {
            throw;
        }
    }
}
