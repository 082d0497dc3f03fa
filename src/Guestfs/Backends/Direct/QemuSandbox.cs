using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Confines every qemu the direct backend starts: qemu's seccomp sandbox when this qemu supports it (probed once per
/// process and hypervisor, like KVM), and a minimal environment instead of the caller's.
/// </summary>
/// <remarks>
/// The sandbox denies qemu obsolete system calls, gaining privileges (setuid and the like), starting programs
/// (fork, exec) and changing its scheduling or resource limits. Nothing qemu does for us needs those: the snapshot
/// save and restore pass the state file to qemu as an open descriptor (<c>fd:</c> migration) rather than through a
/// shell command.
/// </remarks>
internal static class QemuSandbox
{
    /// <summary>The <c>-sandbox</c> option value.</summary>
    public const string Options = "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny";

    /// <summary>How long the probe's qemu may take to start and quit.</summary>
    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(20);

    private static readonly ConcurrentDictionary<string, Lazy<Task<(bool Supported, string Reason)>>> s_results = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="hypervisor"/> runs with the sandbox here, found by starting it once with
    /// <c>-machine none</c> and the sandbox on and asking it to quit (this checks the binary and the kernel alike).
    /// </summary>
    /// <param name="hypervisor">The qemu binary.</param>
    /// <returns>The (cached) answer, with the reason when it is no.</returns>
    public static Task<(bool Supported, string Reason)> ProbeAsync(string hypervisor) =>
        s_results.GetOrAdd(hypervisor, h => new Lazy<Task<(bool, string)>>(() => RunProbeAsync(h))).Value;

    /// <summary>The arguments with <c>-sandbox</c> in front when this qemu supports it.</summary>
    /// <param name="hypervisor">The qemu binary.</param>
    /// <param name="arguments">qemu's other arguments.</param>
    /// <returns>The arguments to start qemu with.</returns>
    public static async Task<IReadOnlyList<string>> ConfineAsync(string hypervisor, IReadOnlyList<string> arguments)
    {
        (bool supported, _) = await ProbeAsync(hypervisor).ConfigureAwait(false);
        return supported ? ["-sandbox", Options, .. arguments] : arguments;
    }

    /// <summary>
    /// The start information of a qemu process: all three standard streams redirected, and only the environment
    /// qemu needs (the caller's <c>PATH</c>, which a wrapper script may need to find qemu, <c>LC_ALL=C</c>, and
    /// <c>TMPDIR</c>, where qemu puts the overlays of <c>snapshot=on</c> drives).
    /// </summary>
    /// <param name="hypervisor">The qemu binary.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="temporaryDirectory">qemu's <c>TMPDIR</c> (a private directory), or <see langword="null"/> for none.</param>
    /// <returns>The start information.</returns>
    public static ProcessStartInfo CreateStartInfo(string hypervisor, IEnumerable<string> arguments, string? temporaryDirectory)
    {
        var startInfo = new ProcessStartInfo(hypervisor)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        string path = Environment.GetEnvironmentVariable("PATH") is { Length: > 0 } p ? p : "/usr/local/bin:/usr/bin:/bin";
        startInfo.Environment.Clear();
        startInfo.Environment["PATH"] = path;
        startInfo.Environment["LC_ALL"] = "C";
        if (temporaryDirectory is not null)
        {
            startInfo.Environment["TMPDIR"] = temporaryDirectory;
        }

        return startInfo;
    }

    private static async Task<(bool, string)> RunProbeAsync(string hypervisor)
    {
        using var process = new Process
        {
            StartInfo = CreateStartInfo(
                hypervisor, ["-no-user-config", "-nodefaults", "-display", "none", "-machine", "none", "-sandbox", Options, "-qmp", "stdio"], null),
        };
        try
        {
            ProcessTether.Start(process);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return (false, $"cannot run {hypervisor}: {e.Message}");
        }

        Task<string> error = process.StandardError.ReadToEndAsync();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(s_probeTimeout);
        try
        {
            await process.StandardInput.WriteAsync("{\"execute\":\"qmp_capabilities\"}\n{\"execute\":\"quit\"}\n").ConfigureAwait(false);
            await process.StandardInput.FlushAsync(timeout.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or System.IO.IOException)
        {
            // A timeout, or qemu closed its input early (it exited: its status says why).
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                return (false, string.Create(CultureInfo.InvariantCulture, $"qemu with -sandbox did not quit within {s_probeTimeout.TotalSeconds:0} s"));
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await Task.WhenAll(error, output).ConfigureAwait(false);
        if (process.ExitCode == 0)
        {
            return (true, string.Empty);
        }

        string message = (await error.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "no message";
        return (false, string.Create(CultureInfo.InvariantCulture, $"qemu with -sandbox exited with status {process.ExitCode}: {message}"));
    }
}
