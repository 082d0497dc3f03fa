using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Guestfs.TestSupport;

/// <summary>What a program run by <see cref="ExternalProgram.RunAsync"/> left behind.</summary>
internal sealed record ProgramResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Everything, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs a program as the differential tests do: arguments as a list (never a shell), standard input closed.</summary>
internal static class ExternalProgram
{
    /// <summary>
    /// What the stock libguestfs tools need on this machine (no usable KVM: TCG), and what ours accept the same way.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> StockEnvironment { get; } = new Dictionary<string, string?>
    {
        ["LIBGUESTFS_BACKEND"] = "direct",
        ["LIBGUESTFS_BACKEND_SETTINGS"] = "force_tcg",
    };

    /// <summary>
    /// Runs <paramref name="program"/> to its end and returns its exit code and output. <paramref name="environment"/>
    /// entries are set, or removed where the value is null. A program still running after <paramref name="timeout"/>
    /// (default 20 minutes) is killed with its children and the run fails with a <see cref="TimeoutException"/>.
    /// <paramref name="input"/>, if any, is written to its standard input before that is closed.
    /// </summary>
    public static async Task<ProgramResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null,
        string? input = null)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory ?? string.Empty,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
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
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        TimeSpan limit = timeout ?? TimeSpan.FromMinutes(20);
        try
        {
            await process.WaitForExitAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} still ran after {limit}");
        }

        return new ProgramResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// <see cref="RunAsync"/> with <see cref="StockEnvironment"/>: how the differential tests run a stock libguestfs
    /// program and ours on the same arguments.
    /// </summary>
    public static Task<ProgramResult> RunStockAsync(string program, IEnumerable<string> arguments, string directory, string? input = null) =>
        RunAsync(program, arguments, directory, StockEnvironment, input: input);

    /// <summary><see cref="RunAsync"/>, waited for (for tests and fixtures that are synchronous).</summary>
    public static ProgramResult Run(
        string program,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null) =>
        RunAsync(program, arguments, workingDirectory, environment, timeout).GetAwaiter().GetResult();

    /// <summary><see cref="Run"/>, and the program must exit 0 (the assertion shows its output otherwise).</summary>
    public static ProgramResult RunChecked(
        string program,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        ProgramResult result = Run(program, arguments, workingDirectory, environment);
        Xunit.Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {result}");
        return result;
    }
}
