using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.ApplianceTests;

/// <summary>
/// A server started by one of the <c>StorageServers/*.sh</c> scripts as PID 1 of its own mount and PID namespace
/// (<c>unshare --kill-child</c>): its mounts never reach the host, and killing <c>unshare</c> on dispose ends every
/// process the server started (daemons that fork into the background included), and nothing else.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class NamespacedServer : IDisposable
{
    private readonly Process _unshare;
    private readonly StringBuilder _errors;

    private NamespacedServer(Process unshare, StringBuilder errors)
    {
        _unshare = unshare;
        _errors = errors;
    }

    /// <summary>The host's id of the script (PID 1 of the namespace), for <c>nsenter</c>.</summary>
    public int InitPid { get; private set; }

    /// <summary>What the script wrote to standard error so far.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Runs <paramref name="script"/> (from the test's output directory) and waits until it prints <c>READY</c>.</summary>
    public static async Task<NamespacedServer> StartAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo("unshare") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in (IEnumerable<string>)["--mount", "--pid", "--fork", "--kill-child", "--mount-proc", "sh",
            Path.Combine(AppContext.BaseDirectory, "StorageServers", script), .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        var errors = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Process unshare = Process.Start(startInfo)!;
        unshare.OutputDataReceived += (_, e) =>
        {
            if (e.Data is "READY")
            {
                ready.TrySetResult();
            }
            else if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException("exited before it was ready"));
            }
        };
        unshare.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        unshare.BeginOutputReadLine();
        unshare.BeginErrorReadLine();
        var server = new NamespacedServer(unshare, errors);
        try
        {
            await ready.Task.WaitAsync(timeout);
            server.InitPid = int.Parse(File.ReadAllText($"/proc/{unshare.Id}/task/{unshare.Id}/children").Trim(), System.Globalization.CultureInfo.InvariantCulture);
            return server;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            server.Dispose();
            throw new InvalidOperationException($"{script} did not start ({e.Message}):\n{server.Errors}");
        }
    }

    /// <summary>Runs <paramref name="program"/> inside the server's namespaces (it sees the server's mounts and processes).</summary>
    public async Task<string> RunInsideAsync(string program, params string[] arguments)
    {
        ProcessOutcome outcome = await ApplianceFixture.RunAsync(
            "nsenter", ["--target", InitPid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--mount", "--pid", "--", program, .. arguments],
            TimeSpan.FromMinutes(1));
        Assert.True(outcome.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {outcome.Output}");
        return outcome.StandardOutput;
    }

    /// <summary>Kills the server and everything it started; returns once they are gone.</summary>
    public void Dispose()
    {
        try
        {
            if (!_unshare.HasExited)
            {
                _unshare.Kill();        // SIGKILL: unshare --kill-child then kills PID 1, and with it the namespace
                _unshare.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        var clock = Stopwatch.StartNew();
        while (InitPid > 0 && Directory.Exists($"/proc/{InitPid}") && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(50);
        }

        _unshare.Dispose();
    }
}
