using System.Runtime.InteropServices;

namespace Guestfs.Backends.Direct;

/// <summary>The two libc calls the direct backend needs and .NET does not expose.</summary>
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
}
