using System.Runtime.InteropServices;

namespace Guestfs.Backends.Direct;

/// <summary>The libc calls the direct backend needs and .NET does not expose.</summary>
internal static class NativeMethods
{
    /// <summary>SIGTERM: asks qemu to shut down cleanly (it flushes its drives first).</summary>
    public const int SigTerm = 15;

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

    /// <summary><c>AT_FDCWD</c>: a relative path is relative to the current directory.</summary>
    public const int AtCurrentDirectory = -100;

    /// <summary><c>AT_SYMLINK_NOFOLLOW</c>: report on a symbolic link itself (<c>lstat</c>).</summary>
    public const int AtSymlinkNoFollow = 0x100;

    /// <summary><c>STATX_TYPE | STATX_MODE | STATX_UID</c>.</summary>
    public const uint StatxTypeModeUid = 0x1 | 0x2 | 0x8;

    /// <summary>Size of <c>struct statx</c> (the same on every architecture).</summary>
    public const int StatxSize = 256;

    /// <summary>Offset of <c>stx_uid</c> (u32) in <c>struct statx</c>.</summary>
    public const int StatxUidOffset = 20;

    /// <summary>Offset of <c>stx_mode</c> (u16) in <c>struct statx</c>.</summary>
    public const int StatxModeOffset = 28;

    /// <summary>File status (<c>statx</c>, whose layout is the same on every architecture, unlike <c>struct stat</c>).</summary>
    /// <param name="directoryFd">Directory for relative paths (<see cref="AtCurrentDirectory"/>).</param>
    /// <param name="path">The path.</param>
    /// <param name="flags"><see cref="AtSymlinkNoFollow"/> for <c>lstat</c>.</param>
    /// <param name="mask">The fields wanted.</param>
    /// <param name="buffer">At least <see cref="StatxSize"/> bytes.</param>
    /// <returns>0 on success, -1 on failure.</returns>
    [DllImport("libc", EntryPoint = "statx", ExactSpelling = true, SetLastError = true)]
    public static extern int Statx(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
