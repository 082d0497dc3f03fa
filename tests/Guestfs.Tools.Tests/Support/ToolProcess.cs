using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Guestfs.Testing;

/// <summary>What a finished program printed and returned.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs stock libguestfs programs (guestfish, virt-*) and ours from the repository's launchers, with the settings
/// the stock ones need on this machine (direct backend, TCG) and stdin closed. Shared by the test projects that
/// compare with stock: linked into each of them from here.
/// </summary>
public static class ToolProcess
{
    /// <summary>The directory that holds Guestfs.sln, found from the test assembly upwards.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>
    /// Runs <paramref name="program"/> in <paramref name="directory"/> with <paramref name="input"/> (or nothing) on
    /// standard input, and waits at most 20 minutes.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(string program, IEnumerable<string> args, string directory, string? input = null)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["LIBGUESTFS_BACKEND"] = "direct";
        info.Environment["LIBGUESTFS_BACKEND_SETTINGS"] = "force_tcg";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        if (input is not null)
        {
            try
            {
                await process.StandardInput.WriteAsync(input);
            }
            catch (IOException)
            {
                // The program exited without reading all of it; what it printed still counts.
            }
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(20));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within 20 minutes");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Guestfs.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
