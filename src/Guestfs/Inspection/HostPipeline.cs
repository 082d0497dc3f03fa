using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Inspection;

/// <summary>
/// Runs a pipeline of host image converters (netpbm, icoutils) without a shell, for <c>inspect_get_icon</c>: each
/// program's standard output feeds the next one's input, the last one's output is kept up to a limit. As with
/// libguestfs's shell pipeline, only the last program's exit status counts. A program that is not installed makes
/// the result <see langword="null"/> (libguestfs then returns no icon).
/// </summary>
internal static class HostPipeline
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs the pipeline.</summary>
    /// <param name="commands">Each program name and its arguments.</param>
    /// <param name="input">What the first program reads on standard input, or <see langword="null"/> for nothing.</param>
    /// <param name="maxOutput">The most output kept; more makes the result <see langword="null"/>.</param>
    /// <param name="cancellationToken">Kills the programs and throws.</param>
    /// <returns>The last program's output, or <see langword="null"/> when a program is missing, the last one failed,
    /// the output was too large or the pipeline did not finish in time.</returns>
    public static async Task<byte[]?> RunAsync(IReadOnlyList<string[]> commands, byte[]? input, int maxOutput, CancellationToken cancellationToken)
    {
        var programs = new List<string>();
        foreach (string[] command in commands)
        {
            if (Backends.Direct.ProcessRunner.ResolveProgram(command[0]) is not { } program)
            {
                return null;
            }

            programs.Add(program);
        }

        var processes = new List<Process>();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(s_timeout);
        try
        {
            for (int i = 0; i < commands.Count; i++)
            {
                var startInfo = new ProcessStartInfo(programs[i])
                {
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                for (int a = 1; a < commands[i].Length; a++)
                {
                    startInfo.ArgumentList.Add(commands[i][a]);
                }

                var process = new Process { StartInfo = startInfo };
                try
                {
                    process.Start();
                }
                catch (Win32Exception)
                {
                    process.Dispose();
                    return null;
                }

                processes.Add(process);
            }

            var pumps = new List<Task>();
            pumps.Add(FeedAsync(processes[0].StandardInput.BaseStream, input, limit.Token));
            for (int i = 0; i < processes.Count; i++)
            {
                pumps.Add(processes[i].StandardError.BaseStream.CopyToAsync(Stream.Null, limit.Token));
                if (i + 1 < processes.Count)
                {
                    pumps.Add(PipeAsync(processes[i].StandardOutput.BaseStream, processes[i + 1].StandardInput.BaseStream, limit.Token));
                }
            }

            byte[]? output = await ReadBoundedAsync(processes[^1].StandardOutput.BaseStream, maxOutput, limit.Token).ConfigureAwait(false);
            foreach (Process process in processes)
            {
                if (output is null)
                {
                    Kill(process);
                }

                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }

            await Task.WhenAll(pumps).ConfigureAwait(false);
            return output is not null && processes[^1].ExitCode == 0 ? output : null;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return null;
        }
        finally
        {
            foreach (Process process in processes)
            {
                Kill(process);
                process.Dispose();
            }
        }
    }

    private static async Task FeedAsync(Stream stdin, byte[]? input, CancellationToken cancellationToken)
    {
        try
        {
            if (input is not null)
            {
                await stdin.WriteAsync(input, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The program stopped reading: its exit status tells.
        }
        finally
        {
            stdin.Dispose();
        }
    }

    private static async Task PipeAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        try
        {
            await from.CopyToAsync(to, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The next program stopped reading: its exit status tells.
        }
        finally
        {
            to.Dispose();
        }
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream stream, int max, CancellationToken cancellationToken)
    {
        using var kept = new MemoryStream();
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (kept.Length + read > max)
            {
                return null;
            }

            kept.Write(buffer, 0, read);
        }

        return kept.ToArray();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
