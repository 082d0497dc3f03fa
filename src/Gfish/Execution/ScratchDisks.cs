using System;
using System.IO;

namespace Gfish.Execution;

/// <summary>Creates local raw disk images, as libguestfs's <c>disk_create</c> does for the raw format.</summary>
internal static class ScratchDisks
{
    /// <summary>Creates (or truncates) a raw image of the given size.</summary>
    /// <param name="path">The file.</param>
    /// <param name="size">The size in bytes.</param>
    /// <param name="preallocate">Write zeros instead of leaving the file sparse.</param>
    public static void CreateRaw(string path, long size, bool preallocate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        if (!preallocate)
        {
            file.SetLength(size);
            return;
        }

        var zeros = new byte[1 << 20];
        for (long done = 0; done < size; done += zeros.Length)
        {
            file.Write(zeros, 0, (int)Math.Min(zeros.Length, size - done));
        }
    }
}
