using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Decides whether KVM can be used. <c>/dev/kvm</c> existing is not enough: on some hosts qemu fails to set up
/// the vCPU ("failed to set MSR") or the guest never makes progress. The probe boots an empty machine under
/// KVM and waits, for a short bounded time, until its firmware reports that it found nothing to boot; the
/// firmware log comes out on qemu's debug console port. The result is cached for the life of the process.
/// </summary>
internal static class KvmProbe
{
    /// <summary>How long the test guest may take by default (a working KVM needs well under a second).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    private static readonly ConcurrentDictionary<string, Lazy<Task<KvmProbeResult>>> s_results = new(StringComparer.Ordinal);

    /// <summary>Probes KVM with <paramref name="hypervisor"/>, once per process.</summary>
    /// <param name="hypervisor">The qemu binary.</param>
    /// <param name="timeout">How long the test guest may take.</param>
    /// <returns>The (cached) result.</returns>
    public static Task<KvmProbeResult> ProbeAsync(string hypervisor, TimeSpan timeout) =>
        s_results.GetOrAdd(hypervisor, h => new Lazy<Task<KvmProbeResult>>(() => RunProbeAsync(h, timeout))).Value;

    private static async Task<KvmProbeResult> RunProbeAsync(string hypervisor, TimeSpan timeout)
    {
        if (!File.Exists("/dev/kvm"))
        {
            return new KvmProbeResult(false, "/dev/kvm does not exist");
        }

        try
        {
            using var device = new FileStream("/dev/kvm", FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return new KvmProbeResult(false, $"/dev/kvm cannot be opened: {e.Message}");
        }

        string directory = PrivateDirectory.Create(null, "guestfs-kvm-");
        try
        {
            string log = Path.Combine(directory, "firmware.log");
            ProcessStartInfo startInfo = QemuSandbox.CreateStartInfo(
                hypervisor,
                [
                    "-no-user-config", "-nodefaults", "-display", "none", "-accel", "kvm", "-machine", "pc", "-cpu", "host",
                    "-m", "32", "-chardev", $"file,id=firmware,path={log}", "-device", "isa-debugcon,iobase=0x402,chardev=firmware",
                ],
                directory);
            using var process = new Process { StartInfo = startInfo };
            try
            {
                ProcessTether.Start(process);
            }
            catch (Win32Exception e)
            {
                return new KvmProbeResult(false, $"cannot run {hypervisor}: {e.Message}");
            }

            Task<string> stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            try
            {
                while (clock.Elapsed < timeout)
                {
                    if (process.HasExited)
                    {
                        string error = (await stderr.ConfigureAwait(false)).Trim();
                        return new KvmProbeResult(false, string.Create(
                            CultureInfo.InvariantCulture,
                            $"qemu exited with status {process.ExitCode} under KVM: {(error.Length > 0 ? error : "no message")}"));
                    }

                    string text = ReadShared(log);
                    if (text.Contains("No bootable device", StringComparison.Ordinal) || text.Contains("Booting from", StringComparison.Ordinal))
                    {
                        return new KvmProbeResult(true, string.Empty);
                    }

                    await Task.Delay(50).ConfigureAwait(false);
                }

                string last = ReadShared(log).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? "nothing";
                return new KvmProbeResult(false, string.Create(
                    CultureInfo.InvariantCulture,
                    $"a test guest made no progress under KVM within {timeout.TotalSeconds:0.#} s (its firmware log stopped at: {last})"));
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }

                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            PrivateDirectory.Delete(directory);
        }
    }

    private static string ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
