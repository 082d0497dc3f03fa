using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Backends.Direct;

/// <summary>Runs a helper program (qemu-img, the appliance build script) to completion with a time limit.</summary>
internal static class ProcessRunner
{
    /// <summary>The full path of <paramref name="program"/>: as given when it has a slash, else found on <c>PATH</c>
    /// (<c>/usr/bin:/bin</c> when unset).</summary>
    /// <param name="program">A program name or path.</param>
    /// <returns>The path, or <see langword="null"/> when there is no such file.</returns>
    public static string? ResolveProgram(string program) =>
        ResolveProgram(program, Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");

    /// <summary>The full path of <paramref name="program"/>: as given when it has a slash, else found on
    /// <paramref name="searchPath"/> (an empty entry is the current directory, as for execvp).</summary>
    /// <param name="program">A program name or path.</param>
    /// <param name="searchPath">Directories separated by colons.</param>
    /// <returns>The path, or <see langword="null"/> when there is no such file.</returns>
    public static string? ResolveProgram(string program, string searchPath)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? Path.GetFullPath(program) : null;
        }

        foreach (string directory in searchPath.Split(':'))
        {
            string candidate = Path.Combine(directory.Length == 0 ? "." : directory, program);
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    /// <summary>Runs <paramref name="fileName"/> and collects its output.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="timeout">How long it may run before it is killed.</param>
    /// <param name="onStandardErrorLine">Called with each line of standard error as it arrives, or <see langword="null"/>.</param>
    /// <param name="environment">Extra environment variables, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Kills the program and throws.</param>
    /// <param name="onStarted">Called with the process once it runs (it is disposed when this method returns), or <see langword="null"/>.</param>
    /// <returns>The result; <see cref="ProcessResult.TimedOut"/> when it was killed for running too long.</returns>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        Action<string>? onStandardErrorLine,
        IReadOnlyDictionary<string, string>? environment,
        CancellationToken cancellationToken,
        Action<Process>? onStarted = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (KeyValuePair<string, string> pair in environment)
            {
                startInfo.Environment[pair.Key] = pair.Value;
            }
        }

        return RunAsync(startInfo, static process => process.Start(), timeout, onStandardErrorLine, cancellationToken, onStarted);
    }

    /// <summary>Runs a prepared process and collects its output.</summary>
    /// <param name="startInfo">The program, its arguments and environment; standard output and error must be redirected.</param>
    /// <param name="start">Starts the process (<see cref="ProcessTether.Start"/> for a qemu).</param>
    /// <param name="timeout">How long it may run before it is killed.</param>
    /// <param name="onStandardErrorLine">Called with each line of standard error as it arrives, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Kills the program and throws.</param>
    /// <param name="onStarted">Called with the process once it runs (it is disposed when this method returns), or <see langword="null"/>.</param>
    /// <returns>The result; <see cref="ProcessResult.TimedOut"/> when it was killed for running too long.</returns>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static async Task<ProcessResult> RunAsync(
        ProcessStartInfo startInfo,
        Action<Process> start,
        TimeSpan timeout,
        Action<string>? onStandardErrorLine,
        CancellationToken cancellationToken,
        Action<Process>? onStarted = null)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        ArgumentNullException.ThrowIfNull(start);
        using var process = new Process { StartInfo = startInfo };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stdout)
                {
                    stdout.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }

                onStandardErrorLine?.Invoke(e.Data);
            }
        };

        start(process);
        onStarted?.Invoke(process);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        bool timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }

        // WaitForExit without a timeout also drains the redirected streams.
        process.WaitForExit();
        string output, error;
        lock (stdout)
        {
            output = stdout.ToString();
        }

        lock (stderr)
        {
            error = stderr.ToString();
        }

        return new ProcessResult(timedOut ? -1 : process.ExitCode, output, error, timedOut);
    }
}
