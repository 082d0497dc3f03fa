using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Starts the processes that must not outlive this one (every qemu): the kernel sends them SIGKILL when this
/// process dies, however it dies (SIGKILL included), so the appliance and its image locks go with it.
/// </summary>
/// <remarks>
/// <para>
/// The child runs <c>setpriv --pdeathsig KILL -- /bin/sh -c GUARD OURPID PROGRAM ARGS…</c>: setpriv sets the
/// parent-death signal (which survives the exec of qemu), and the guard, which runs after that, goes on to
/// <c>exec "$@"</c> only if its parent is still this process. If this process died between the fork and the
/// <c>prctl</c>, no signal would come, and the guard sees another parent and exits instead: there is no moment in
/// which qemu runs unguarded. The kernel delivers the signal to the child itself, so no process ID is ever
/// remembered and later killed (no PID reuse), and qemu stays this process's direct child (exit status, pipes).
/// </para>
/// <para>
/// The kernel's "parent" for the parent-death signal is the thread that forked, not the process: a child
/// started from a thread-pool thread would be killed whenever the pool retires that thread. Every tethered child
/// is therefore started from one dedicated thread that lives as long as this process.
/// </para>
/// </remarks>
internal static class ProcessTether
{
    /// <summary>Runs after setpriv: <c>$1</c> is our process ID, the rest is the program and its arguments.</summary>
    internal const string GuardScript = "[ \"$PPID\" = \"$1\" ] || exit 125; shift; unset PWD; exec \"$@\"";

    private static readonly string[] s_setprivLocations = ["/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv", "/sbin/setpriv"];
    private static readonly Lazy<string?> s_setpriv = new(() => s_setprivLocations.FirstOrDefault(File.Exists));
    private static readonly BlockingCollection<StartRequest> s_requests = [];
    private static readonly Lazy<Thread> s_starter = new(() =>
    {
        var thread = new Thread(ServeRequests) { IsBackground = true, Name = "Guestfs process tether" };
        thread.Start();
        return thread;
    });

    /// <summary>Whether children can be tethered here (setpriv from util-linux is installed).</summary>
    public static bool IsAvailable => s_setpriv.Value is not null;

    /// <summary>
    /// Starts <paramref name="process"/> tethered to this process (see the remarks); without setpriv it is
    /// started as it is, and <see cref="IsAvailable"/> says so.
    /// </summary>
    /// <param name="process">The process, configured but not started. Its start info is rewritten.</param>
    /// <exception cref="Win32Exception">The program could not be found or started.</exception>
    public static void Start(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        ProcessStartInfo info = process.StartInfo;
        if (s_setpriv.Value is { } setpriv)
        {
            // The guard's exec would report a missing program as exit status 127; find it here so that the
            // caller gets the same error as from an ordinary start.
            string program = ProcessRunner.ResolveProgram(info.FileName)
                ?? throw new Win32Exception(2, $"cannot find the program '{info.FileName}'");
            var arguments = new List<string>(info.ArgumentList);
            info.FileName = setpriv;
            info.ArgumentList.Clear();
            foreach (string argument in new[]
            {
                "--pdeathsig", "KILL", "--", "/bin/sh", "-c", GuardScript, "guestfs-tether",
                Environment.ProcessId.ToString(CultureInfo.InvariantCulture), program,
            }.Concat(arguments))
            {
                info.ArgumentList.Add(argument);
            }
        }

        using var request = new StartRequest(process);
        _ = s_starter.Value;
        s_requests.Add(request);
        request.Done.Wait();
        request.Error?.Throw();
    }

    private static void ServeRequests()
    {
        foreach (StartRequest request in s_requests.GetConsumingEnumerable())
        {
            try
            {
                request.Process.Start();
            }
            catch (Exception e)
            {
                request.Error = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                request.Done.Set();
            }
        }
    }

    private sealed class StartRequest(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public ManualResetEventSlim Done { get; } = new();

        public ExceptionDispatchInfo? Error { get; set; }

        public void Dispose() => Done.Dispose();
    }
}
