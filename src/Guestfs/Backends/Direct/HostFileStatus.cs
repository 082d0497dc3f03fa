using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Guestfs.Backends.Direct;

/// <summary>What <c>lstat</c> says about a host path: its type, permission bits and owner (which .NET does not expose).</summary>
/// <param name="Mode">The permission bits, set-id and sticky bits included.</param>
/// <param name="Owner">The owner's uid.</param>
/// <param name="Kind">The file type bits (<c>S_IFMT</c>).</param>
internal readonly record struct HostFileStatus(UnixFileMode Mode, uint Owner, int Kind)
{
    /// <summary>A directory (not a link to one).</summary>
    public bool IsDirectory => Kind == NativeMethods.DirectoryType;

    /// <summary>A regular file (not a link to one).</summary>
    public bool IsRegularFile => Kind == NativeMethods.RegularFile;

    /// <summary>The mode in octal, as <c>ls</c> and <c>chmod</c> spell it (e.g. <c>0775</c>).</summary>
    public string OctalMode => "0" + Convert.ToString((int)Mode, 8);

    /// <summary>Reads the status of a path without following a final symbolic link.</summary>
    /// <param name="path">The path.</param>
    /// <returns>Its status.</returns>
    /// <exception cref="IOException">The path cannot be examined (missing, no permission).</exception>
    public static HostFileStatus Lstat(string path)
    {
        if (NativeMethods.Stat(NativeMethods.AtCurrentDirectory, path, NativeMethods.AtSymlinkNoFollow, out int errno) is not { } status)
        {
            throw new IOException($"cannot examine {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        return new HostFileStatus((UnixFileMode)(status.Mode & 0xFFF), status.Uid, status.Mode & NativeMethods.FileTypeMask);
    }
}
