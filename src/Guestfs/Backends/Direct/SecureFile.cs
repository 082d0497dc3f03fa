using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Opens files the way lock files, markers, temporary and scratch files must be opened in a directory someone else
/// might reach: never through a symbolic link at the last component (<c>O_NOFOLLOW</c>), new files created exclusively
/// when asked (<c>O_EXCL</c>) and private by default (0600), and only regular files (a planted FIFO or device is refused,
/// without blocking on it).
/// </summary>
internal static class SecureFile
{
    /// <summary>Read and write for the owner only.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Opens or creates a regular file without following a symbolic link.</summary>
    /// <param name="path">The file.</param>
    /// <param name="mode"><see cref="FileMode.CreateNew"/> (exclusive), <see cref="FileMode.Create"/> (truncates),
    /// <see cref="FileMode.OpenOrCreate"/> or <see cref="FileMode.Open"/>.</param>
    /// <param name="access">The access wanted.</param>
    /// <param name="share"><see cref="FileShare.None"/> takes an exclusive <c>flock</c> without waiting (as <see cref="FileStream"/> does).</param>
    /// <param name="createMode">The permissions of a new file (before the umask).</param>
    /// <returns>The open stream.</returns>
    /// <exception cref="IOException">The path is a symbolic link or not a regular file, the lock is held, or the call failed.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    public static FileStream Open(
        string path, FileMode mode, FileAccess access, FileShare share = FileShare.ReadWrite, UnixFileMode createMode = OwnerOnly)
    {
        int flags = access switch
        {
            FileAccess.Read => NativeMethods.OpenReadOnly,
            FileAccess.Write => NativeMethods.OpenWriteOnly,
            _ => NativeMethods.OpenReadWrite,
        };
        flags |= mode switch
        {
            FileMode.CreateNew => NativeMethods.OpenCreate | NativeMethods.OpenExclusive,
            FileMode.Create => NativeMethods.OpenCreate | NativeMethods.OpenTruncate,
            FileMode.OpenOrCreate => NativeMethods.OpenCreate,
            FileMode.Open => 0,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "not supported here"),
        };
        flags |= NativeMethods.OpenNoFollow | NativeMethods.OpenCloseOnExec | NativeMethods.OpenNoControllingTerminal | NativeMethods.OpenNonBlocking;

        int fd = NativeMethods.Open(path, flags, (int)createMode);
        if (fd < 0)
        {
            throw Failure(path, Marshal.GetLastPInvokeError());
        }

        try
        {
            int errno;
            if (NativeMethods.Stat(fd, string.Empty, NativeMethods.AtEmptyPath, out errno) is not { } stat)
            {
                throw Failure(path, errno);
            }

            if ((stat.Mode & NativeMethods.FileTypeMask) != NativeMethods.RegularFile)
            {
                throw new IOException($"'{path}' is not a regular file: refusing to use it");
            }

            if (share == FileShare.None && NativeMethods.Flock(fd, NativeMethods.LockExclusive | NativeMethods.LockNonBlocking) != 0)
            {
                errno = Marshal.GetLastPInvokeError();
                throw errno == NativeMethods.ErrorWouldBlock
                    ? new IOException($"'{path}' is locked by another process")
                    : Failure(path, errno);
            }
        }
        catch
        {
            NativeMethods.Close(fd);
            throw;
        }

        // A raw descriptor is not "opened for asynchronous I/O" in .NET's sense; async calls on the stream still work.
        return new FileStream(new SafeFileHandle(fd, ownsHandle: true), access, 4096, isAsync: false);
    }

    private static Exception Failure(string path, int errno) => errno switch
    {
        NativeMethods.ErrorLoop => new IOException($"'{path}' is a symbolic link: refusing to follow it"),
        NativeMethods.ErrorAccess => new UnauthorizedAccessException($"'{path}': {Marshal.GetPInvokeErrorMessage(errno)}"),
        NativeMethods.ErrorNoDevice => new IOException($"'{path}' is not a regular file: refusing to use it"),
        _ => new IOException($"'{path}': {Marshal.GetPInvokeErrorMessage(errno)}"),
    };
}
