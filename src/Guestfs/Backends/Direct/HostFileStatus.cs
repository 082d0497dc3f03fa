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
    private const int TypeMask = 0xF000;
    private const int DirectoryType = 0x4000;
    private const int RegularType = 0x8000;

    /// <summary>A directory (not a link to one).</summary>
    public bool IsDirectory => Kind == DirectoryType;

    /// <summary>A regular file (not a link to one).</summary>
    public bool IsRegularFile => Kind == RegularType;

    /// <summary>The mode in octal, as <c>ls</c> and <c>chmod</c> spell it (e.g. <c>0775</c>).</summary>
    public string OctalMode => "0" + Convert.ToString((int)Mode, 8);

    /// <summary>Reads the status of a path without following a final symbolic link.</summary>
    /// <param name="path">The path.</param>
    /// <returns>Its status.</returns>
    /// <exception cref="IOException">The path cannot be examined (missing, no permission).</exception>
    public static HostFileStatus Lstat(string path)
    {
        byte[] buffer = new byte[NativeMethods.StatxSize];
        if (NativeMethods.Statx(NativeMethods.AtCurrentDirectory, path, NativeMethods.AtSymlinkNoFollow, NativeMethods.StatxTypeModeUid, buffer) != 0)
        {
            throw new IOException($"cannot examine {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        int mode = MemoryMarshal.Read<ushort>(buffer.AsSpan(NativeMethods.StatxModeOffset));
        uint owner = MemoryMarshal.Read<uint>(buffer.AsSpan(NativeMethods.StatxUidOffset));
        return new HostFileStatus((UnixFileMode)(mode & 0xFFF), owner, mode & TypeMask);
    }
}
