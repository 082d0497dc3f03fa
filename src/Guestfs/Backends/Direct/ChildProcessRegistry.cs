using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Kills the hypervisors this process started when the process exits normally or on SIGTERM/SIGINT (the runtime
/// raises <see cref="AppDomain.ProcessExit"/> then), and reaps them. If this process is killed outright, the kernel
/// kills them (<see cref="ProcessTether"/>).
/// </summary>
internal static class ChildProcessRegistry
{
    private static readonly HashSet<Process> s_live = [];
    private static bool s_hooked;

    /// <summary>Starts tracking a child.</summary>
    /// <param name="process">The started process.</param>
    public static void Add(Process process)
    {
        lock (s_live)
        {
            if (!s_hooked)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
                s_hooked = true;
            }

            s_live.Add(process);
        }
    }

    /// <summary>Stops tracking a child (it has exited or been killed).</summary>
    /// <param name="process">The process.</param>
    public static void Remove(Process process)
    {
        lock (s_live)
        {
            s_live.Remove(process);
        }
    }

    private static void KillAll()
    {
        Process[] live;
        lock (s_live)
        {
            live = [.. s_live];
            s_live.Clear();
        }

        foreach (Process process in live)
        {
            try
            {
                process.Kill();
                process.WaitForExit(2000);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }
}
