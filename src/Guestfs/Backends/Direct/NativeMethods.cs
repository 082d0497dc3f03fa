using System;
using System.Runtime.InteropServices;

namespace Guestfs.Backends.Direct;

/// <summary>
/// The libc calls the library needs and .NET does not expose: the effective uid, signals, and the file calls that
/// refuse symbolic links and report owners (<see cref="SecureDirectory"/>, <see cref="SecureFile"/>).
/// </summary>
internal static class NativeMethods
{
    /// <summary>SIGTERM: asks qemu to shut down cleanly (it flushes its drives first).</summary>
    public const int SigTerm = 15;

    /// <summary><c>AT_FDCWD</c>: a path relative to the current directory.</summary>
    public const int AtCurrentDirectory = -100;

    /// <summary><c>AT_SYMLINK_NOFOLLOW</c>: describe a symbolic link itself (<c>lstat</c>).</summary>
    public const int AtSymlinkNoFollow = 0x100;

    /// <summary><c>AT_EMPTY_PATH</c>: describe the file descriptor itself (<c>fstat</c>).</summary>
    public const int AtEmptyPath = 0x1000;

    /// <summary><c>S_IFMT</c> and the file types in it.</summary>
    public const int FileTypeMask = 0xF000, RegularFile = 0x8000, DirectoryType = 0x4000, SymbolicLink = 0xA000;

    /// <summary><c>open</c> flags (Linux; <c>O_NOFOLLOW</c> differs between architectures).</summary>
    public const int OpenReadOnly = 0, OpenWriteOnly = 1, OpenReadWrite = 2, OpenCreate = 0x40, OpenExclusive = 0x80,
        OpenNoControllingTerminal = 0x100, OpenTruncate = 0x200, OpenNonBlocking = 0x800, OpenCloseOnExec = 0x80000;

    /// <summary><c>O_NOFOLLOW</c>: fail with <c>ELOOP</c> when the last component is a symbolic link.</summary>
    public static readonly int OpenNoFollow =
        RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

    /// <summary><c>flock</c> operations.</summary>
    public const int LockExclusive = 2, LockNonBlocking = 4;

    /// <summary>errno values the callers tell apart.</summary>
    public const int ErrorNotFound = 2, ErrorAccess = 13, ErrorExists = 17, ErrorWouldBlock = 11, ErrorLoop = 40, ErrorNoDevice = 6;

    /// <summary>The effective user id (names the per-user appliance cache).</summary>
    /// <returns>The uid.</returns>
    [DllImport("libc", EntryPoint = "geteuid", ExactSpelling = true)]
    public static extern uint GetEffectiveUserId();

    /// <summary>Sends a signal to a process.</summary>
    /// <param name="pid">The process.</param>
    /// <param name="signal">The signal number.</param>
    /// <returns>0 on success, -1 on failure.</returns>
    [DllImport("libc", EntryPoint = "kill", ExactSpelling = true, SetLastError = true)]
    public static extern int Kill(int pid, int signal);

    /// <summary><c>O_RDONLY | O_NONBLOCK | O_CLOEXEC</c> on Linux: opening a FIFO this way does not wait for a writer.</summary>
    public const int OpenReadNonBlocking = 0x800 | 0x80000;

    /// <summary><c>open(2)</c>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="flags">The <c>O_*</c> flags.</param>
    /// <param name="mode">The mode of a created file (before the umask).</param>
    /// <returns>The file descriptor, or -1.</returns>
    [DllImport("libc", EntryPoint = "open", ExactSpelling = true, SetLastError = true)]
    public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    /// <summary><c>close(2)</c>.</summary>
    /// <param name="fd">The file descriptor.</param>
    /// <returns>0 or -1.</returns>
    [DllImport("libc", EntryPoint = "close", ExactSpelling = true, SetLastError = true)]
    public static extern int Close(int fd);

    /// <summary><c>mkdir(2)</c>.</summary>
    /// <param name="path">The directory.</param>
    /// <param name="mode">Its mode (before the umask).</param>
    /// <returns>0 or -1.</returns>
    [DllImport("libc", EntryPoint = "mkdir", ExactSpelling = true, SetLastError = true)]
    public static extern int MakeDirectory([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);

    /// <summary><c>mkdtemp(3)</c>: creates a new mode-0700 directory from a template ending in <c>XXXXXX</c>.</summary>
    /// <param name="template">The NUL-terminated UTF-8 template, rewritten in place with the name made.</param>
    /// <returns>The template's address, or zero.</returns>
    [DllImport("libc", EntryPoint = "mkdtemp", ExactSpelling = true, SetLastError = true)]
    public static extern IntPtr MakeTemporaryDirectory(byte[] template);

    /// <summary><c>statx(2)</c> into a 256-byte <c>struct statx</c> (the same layout on every architecture).</summary>
    /// <param name="directoryFd">The directory <paramref name="path"/> is relative to, or the file described (<see cref="AtEmptyPath"/>).</param>
    /// <param name="path">The path.</param>
    /// <param name="flags"><see cref="AtSymlinkNoFollow"/>, <see cref="AtEmptyPath"/>.</param>
    /// <param name="mask">The fields wanted.</param>
    /// <param name="buffer">Receives the structure.</param>
    /// <returns>0 or -1.</returns>
    [DllImport("libc", EntryPoint = "statx", ExactSpelling = true, SetLastError = true)]
    public static extern int StatX(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    /// <summary><c>flock(2)</c>.</summary>
    /// <param name="fd">The file descriptor.</param>
    /// <param name="operation">The lock operation.</param>
    /// <returns>0 or -1.</returns>
    [DllImport("libc", EntryPoint = "flock", ExactSpelling = true, SetLastError = true)]
    public static extern int Flock(int fd, int operation);

    /// <summary>A file's type, permission bits and owner, from <c>statx</c>.</summary>
    /// <param name="directoryFd">As for <see cref="StatX"/>.</param>
    /// <param name="path">As for <see cref="StatX"/>.</param>
    /// <param name="flags">As for <see cref="StatX"/>.</param>
    /// <param name="errno">The error when it fails.</param>
    /// <returns>The mode (<c>st_mode</c>) and uid, or <see langword="null"/> with <paramref name="errno"/> set.</returns>
    public static (int Mode, uint Uid)? Stat(int directoryFd, string path, int flags, out int errno)
    {
        const uint typeModeAndUid = 0x1 | 0x2 | 0x8; // STATX_TYPE | STATX_MODE | STATX_UID
        byte[] buffer = new byte[256];
        if (StatX(directoryFd, path, flags, typeModeAndUid, buffer) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }

        errno = 0;
        return (BitConverter.ToUInt16(buffer, 28), BitConverter.ToUInt32(buffer, 20));
    }
}
