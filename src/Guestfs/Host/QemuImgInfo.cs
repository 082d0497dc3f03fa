using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Host;

/// <summary>
/// Runs <c>qemu-img info --output json FILE</c> on the host and parses the result: the one place that probes an image,
/// for <c>disk_format</c>, <c>disk_virtual_size</c>, <c>disk_has_backing_file</c> and for a drive added without a
/// format (<see cref="Backends.Direct.DriveInspector"/>). As libguestfs 1.48.6 does: <c>-U</c> (no locking) when this
/// qemu-img knows it, and the child limited to 1 GiB of address space and 10 s of CPU (through <c>prlimit</c> when the
/// host has it). The name is made absolute, so it cannot be read as an option, a protocol or <c>json:</c>. Without
/// <c>--backing-chain</c> qemu-img opens neither a qcow2 backing file nor its data file (a VMDK's extents it does open,
/// which is why the drive inspector reads a VMDK header itself first). On top of that the output is bounded and the
/// run has a wall-clock limit, so a hostile image cannot exhaust the caller.
/// </summary>
internal static class QemuImgInfo
{
    /// <summary>The most standard output accepted from qemu-img (its JSON for one image is a few hundred bytes).</summary>
    internal const int MaxOutputBytes = 1024 * 1024;

    private const int MaxErrorBytes = 64 * 1024;

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<string, bool> s_supportsNoLock = new(StringComparer.Ordinal);
    private static readonly Regex s_infoWithNoLock = new(@"\binfo\b.*-U\b", RegexOptions.CultureInvariant);

    /// <summary>The program run; <c>qemu-img</c> from the path unless a test points it elsewhere.</summary>
    internal static string Program { get; set; } = "qemu-img";

    /// <summary>Runs qemu-img info on <paramref name="filename"/> and returns its JSON object.</summary>
    /// <param name="action">The action name, for messages.</param>
    /// <param name="filename">The host file.</param>
    /// <param name="cancellationToken">Kills qemu-img and throws.</param>
    /// <param name="program">The qemu-img to run; <see langword="null"/> for <see cref="Program"/>.</param>
    /// <returns>The parsed document (caller disposes); its root is not checked to be an object.</returns>
    /// <exception cref="GuestfsException">qemu-img could not run, failed, printed nothing, too much or no valid JSON.</exception>
    public static async Task<JsonDocument> RunAsync(string action, string filename, CancellationToken cancellationToken, string? program = null)
    {
        program ??= Program;
        bool noLock = await SupportsNoLockAsync(program, cancellationToken).ConfigureAwait(false);
        var arguments = new System.Collections.Generic.List<string> { "info" };
        if (noLock)
        {
            arguments.Add("-U");
        }

        arguments.Add("--output");
        arguments.Add("json");
        arguments.Add(Backends.DriveSpec.ToAbsolutePath(filename));

        (int exitCode, byte[] output, string error, bool overflow) = await RunBoundedAsync(program, arguments, cancellationToken).ConfigureAwait(false);
        if (overflow)
        {
            throw new GuestfsException($"qemu-img info: {filename}: output is larger than {MaxOutputBytes} bytes", procedure: action);
        }

        if (exitCode != 0)
        {
            string detail = error.Trim();
            throw new GuestfsException(
                $"qemu-img info: {filename}: qemu-img info exited with error status {exitCode}" + (detail.Length > 0 ? ": " + detail : "."),
                procedure: action);
        }

        if (output.Length == 0)
        {
            throw new GuestfsException($"qemu-img info command produced no output, but didn't return an error status code", procedure: action);
        }

        try
        {
            return JsonDocument.Parse(output, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new GuestfsException($"qemu-img info: JSON parse error: {e.Message}", procedure: action, innerException: e);
        }
    }

    /// <summary>
    /// Runs another qemu-img subcommand (e.g. <c>create</c>) under the same limits as <c>info</c>: the program from
    /// <see cref="Program"/>, bounded output, a wall-clock limit.
    /// </summary>
    /// <param name="arguments">The arguments after the program name.</param>
    /// <param name="cancellationToken">Kills qemu-img and throws.</param>
    /// <returns>The exit code and what qemu-img wrote to standard error.</returns>
    public static async Task<(int ExitCode, string Error)> RunCommandAsync(System.Collections.Generic.IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        (int exitCode, byte[] _, string error, bool _) = await RunBoundedAsync(Program, arguments, cancellationToken).ConfigureAwait(false);
        return (exitCode, error);
    }

    private static async Task<bool> SupportsNoLockAsync(string program, CancellationToken cancellationToken)
    {
        if (s_supportsNoLock.TryGetValue(program, out bool known))
        {
            return known;
        }

        (int _, byte[] output, string _, bool _) = await RunBoundedAsync(program, ["--help"], cancellationToken).ConfigureAwait(false);
        bool supported = false;
        foreach (string line in Encoding.UTF8.GetString(output).Split('\n'))
        {
            if (s_infoWithNoLock.IsMatch(line))
            {
                supported = true;
                break;
            }
        }

        s_supportsNoLock[program] = supported;
        return supported;
    }

    private static async Task<(int ExitCode, byte[] Output, string Error, bool Overflow)> RunBoundedAsync(
        string program, System.Collections.Generic.IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };

        string? prlimit = File.Exists("/usr/bin/prlimit") ? "/usr/bin/prlimit" : null;
        if (prlimit is not null)
        {
            startInfo.FileName = prlimit;
            startInfo.ArgumentList.Add("--as=1073741824");
            startInfo.ArgumentList.Add("--cpu=10");
            startInfo.ArgumentList.Add("--");
            startInfo.ArgumentList.Add(program);
        }
        else
        {
            startInfo.FileName = program;
        }

        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new GuestfsException($"qemu-img: cannot run {program}: {e.Message}", innerException: e);
        }

        process.StandardInput.Close();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(s_timeout);
        Task<(byte[] Bytes, bool Overflow)> stdout = ReadBoundedAsync(process.StandardOutput.BaseStream, MaxOutputBytes, limit.Token);
        Task<(byte[] Bytes, bool Overflow)> stderr = ReadBoundedAsync(process.StandardError.BaseStream, MaxErrorBytes, limit.Token);
        try
        {
            (byte[] output, bool overflow) = await stdout.ConfigureAwait(false);
            if (overflow)
            {
                Kill(process);
            }

            (byte[] error, _) = await stderr.ConfigureAwait(false);
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            return (process.ExitCode, output, Encoding.UTF8.GetString(error), overflow);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new GuestfsException($"qemu-img: {program} did not finish within {s_timeout.TotalSeconds:0} s; killed");
        }
    }

    /// <summary>Reads a stream to its end, keeping at most <paramref name="max"/> bytes; reports whether there was more.</summary>
    private static async Task<(byte[] Bytes, bool Overflow)> ReadBoundedAsync(Stream stream, int max, CancellationToken cancellationToken)
    {
        using var kept = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        while (true)
        {
            int read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (kept.ToArray(), false);
            }

            if (kept.Length + read > max)
            {
                kept.Write(buffer, 0, (int)(max - kept.Length));
                return (kept.ToArray(), true);
            }

            kept.Write(buffer, 0, read);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
