using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Text;

namespace Guestfs.Backends.Direct;

/// <summary>Reads the UUID of an ext2/3/4 file system image (the appliance root) from its superblock.</summary>
internal static class Ext2Superblock
{
    private const int SuperblockOffset = 1024;
    private const int MagicOffset = 56;
    private const int UuidOffset = 104;
    private const ushort Magic = 0xEF53;

    /// <summary>Reads the file system UUID.</summary>
    /// <param name="imagePath">The image file.</param>
    /// <returns>The UUID in the usual 8-4-4-4-12 lower-case form.</returns>
    /// <exception cref="InvalidDataException">The file is not an ext2/3/4 image.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static string ReadUuid(string imagePath)
    {
        using var stream = new FileStream(imagePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        return ReadUuid(stream, imagePath);
    }

    /// <summary>Reads the file system UUID from an image's contents.</summary>
    /// <param name="image">The image (seekable).</param>
    /// <param name="name">The image's name for the error message.</param>
    /// <returns>The UUID in the usual 8-4-4-4-12 lower-case form.</returns>
    /// <exception cref="InvalidDataException">The image is not an ext2/3/4 image.</exception>
    /// <exception cref="EndOfStreamException">The image ends before the end of the superblock.</exception>
    internal static string ReadUuid(Stream image, string name)
    {
        Span<byte> block = stackalloc byte[256];
        image.Position = SuperblockOffset;
        image.ReadExactly(block);
        if (BinaryPrimitives.ReadUInt16LittleEndian(block.Slice(MagicOffset)) != Magic)
        {
            throw new InvalidDataException($"{name} is not an ext2/ext3/ext4 file system image");
        }

        ReadOnlySpan<byte> uuid = block.Slice(UuidOffset, 16);
        var text = new StringBuilder(36);
        for (int i = 0; i < 16; i++)
        {
            if (i is 4 or 6 or 8 or 10)
            {
                text.Append('-');
            }

            text.Append(uuid[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
