using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Guestfs.TestSupport;

/// <summary>
/// One stock guestfsd listening on a unix socket, fenced by <c>guestfsd-fenced.sh</c> (private mount namespace,
/// private /dev and /sys/block holding only a loop device over a sparse image file). guestfsd serves one
/// connection and exits when it closes; disposing stops the script, which detaches the loop device.
/// </summary>
internal sealed class GuestfsdHost : IAsyncDisposable
{
    private readonly Process _script;

    private GuestfsdHost(Process script, string workDirectory, string socketPath, int daemonPid)
    {
        _script = script;
        WorkDirectory = workDirectory;
        SocketPath = socketPath;
        DaemonPid = daemonPid;
    }

    public string WorkDirectory { get; }

    public string SocketPath { get; }

    public int DaemonPid { get; }

    public string Backend => "unix:" + SocketPath;

    public static async Task<GuestfsdHost> StartAsync(int sizeMb = 512)
    {
        if (!File.Exists("/usr/sbin/guestfsd"))
        {
            throw new InvalidOperationException("the stock guestfsd is not installed (apt-get install guestfsd)");
        }

        string work = Directory.CreateTempSubdirectory("gfsd-").FullName;
        string script = Path.Combine(AppContext.BaseDirectory, "guestfsd-fenced.sh");
        var psi = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(work);
        psi.ArgumentList.Add(sizeMb.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Process process = Process.Start(psi)!;
        _ = process.StandardError.ReadToEndAsync();
        while (true)
        {
            string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            if (line is null)
            {
                string log = File.Exists(Path.Combine(work, "guestfsd.log")) ? File.ReadAllText(Path.Combine(work, "guestfsd.log")) : string.Empty;
                throw new InvalidOperationException("guestfsd-fenced.sh ended before guestfsd was ready: " + log);
            }

            if (line.StartsWith("READY ", StringComparison.Ordinal))
            {
                string[] parts = line.Split(' ');
                _ = process.StandardOutput.ReadToEndAsync();
                return new GuestfsdHost(process, work, parts[1], int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>A handle connected to this daemon (READY).</summary>
    public async Task<GuestfsHandle> LaunchAsync(GuestfsOptions? options = null)
    {
        var g = new GuestfsHandle(options ?? new GuestfsOptions { ReadEnvironment = false, Backend = Backend });
        await g.LaunchAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return g;
    }

    public string DaemonLog => File.ReadAllText(Path.Combine(WorkDirectory, "guestfsd.log"));

    /// <summary>Kills guestfsd at once (SIGKILL), as a crashed appliance.</summary>
    public void KillDaemon() => Signal("KILL", DaemonPid);

    /// <summary>Stops guestfsd (SIGSTOP): it reads nothing until <see cref="ResumeDaemon"/>, so what is sent to it fills the socket.</summary>
    public void PauseDaemon() => Signal("STOP", DaemonPid);

    /// <summary>Lets a paused guestfsd run again (SIGCONT).</summary>
    public void ResumeDaemon() => Signal("CONT", DaemonPid);

    public async ValueTask DisposeAsync()
    {
        // guestfsd exits when its client disconnects; the script then cleans up on its own.
        if (!_script.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            Signal("TERM", _script.Id);
            if (!_script.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                _script.Kill(entireProcessTree: true);
            }
        }

        await Task.Yield();
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Signal(string signal, int pid)
    {
        using Process kill = Process.Start("kill", new[] { "-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture) })!;
        kill.WaitForExit();
    }
}
