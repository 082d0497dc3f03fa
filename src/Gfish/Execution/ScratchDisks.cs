using System;
using System.IO;
using Guestfs.Backends.Direct;

namespace Gfish.Execution;

/// <summary>Creates local raw disk images, as libguestfs's <c>disk_create</c> does for the raw format.</summary>
internal static class ScratchDisks
{
    /// <summary>
    /// Creates (or truncates) a raw image of the given size, as guestfish does, but never through a symbolic link
    /// planted at its name (in a shared directory such as /tmp) and owner-only (0600) when new.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="size">The size in bytes.</param>
    /// <param name="preallocate">Write zeros instead of leaving the file sparse.</param>
    public static void CreateRaw(string path, long size, bool preallocate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        using FileStream file = SecureFile.Open(path, FileMode.Create, FileAccess.Write);
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
