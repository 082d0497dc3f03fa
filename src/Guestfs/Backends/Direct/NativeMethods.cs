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

    /// <summary><c>O_RDONLY | O_NONBLOCK | O_CLOEXEC</c> on Linux: opening a FIFO this way does not wait for a writer.</summary>
    public const int OpenReadNonBlocking = 0x800 | 0x80000;

    /// <summary>Opens a file (<c>open(2)</c>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="flags">The open flags.</param>
    /// <returns>The descriptor, or -1 on failure.</returns>
    [DllImport("libc", EntryPoint = "open", ExactSpelling = true, SetLastError = true)]
    public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
