using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Guestfs.Tests.Xdr.Model;

namespace Guestfs.Tests.Xdr.Reference;

/// <summary>
/// Builds the reference encoder/decoder from <c>xdr_reference.x</c> with rpcgen, gcc and libtirpc in a
/// temporary directory (once per test class) and links one program per set of values.
/// </summary>
public sealed class XdrReferenceProgram : IAsyncLifetime
{
    private static readonly string[] s_gccFlags = ["-O1", "-w", "-I/usr/include/tirpc"];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "guestfs-xdr-reference-" + Guid.NewGuid().ToString("N"));
    private int _programs;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        string source = Path.Combine(AppContext.BaseDirectory, "Xdr", "Reference");
        File.Copy(Path.Combine(source, "xdr_reference.x"), Path.Combine(_directory, "xdr_reference.x"));
        File.Copy(Path.Combine(source, "xdr_reference_main.c"), Path.Combine(_directory, "xdr_reference_main.c"));
        await RunToolAsync("rpcgen", "-h", "-o", "xdr_reference.h", "xdr_reference.x").ConfigureAwait(false);
        await RunToolAsync("rpcgen", "-c", "-o", "xdr_reference_xdr.c", "xdr_reference.x").ConfigureAwait(false);
        await RunToolAsync("gcc", [.. s_gccFlags, "-c", "xdr_reference_xdr.c", "xdr_reference_main.c"]).ConfigureAwait(false);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }

        return Task.CompletedTask;
    }

    /// <summary>Links a program whose <c>encode</c> mode encodes <paramref name="values"/>.</summary>
    /// <returns>The program's path.</returns>
    internal async Task<string> BuildAsync(RefSampleSet values)
    {
        int number = System.Threading.Interlocked.Increment(ref _programs);
        string valuesFile = $"values_{number}.c";
        string program = Path.Combine(_directory, $"xdr_reference_{number}");
        await File.WriteAllTextAsync(Path.Combine(_directory, valuesFile), RefCSource.Write(values)).ConfigureAwait(false);
        await RunToolAsync("gcc", [.. s_gccFlags, "-o", program, "xdr_reference_main.o", "xdr_reference_xdr.o", valuesFile, "-ltirpc"]).ConfigureAwait(false);
        return program;
    }

    /// <summary>Runs <paramref name="program"/> with one argument, feeding <paramref name="input"/> on stdin.</summary>
    internal static async Task<ProgramResult> RunAsync(string program, string mode, byte[] input)
    {
        var start = new ProcessStartInfo(program, mode)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(input).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program stopped reading (for example after rejecting the input); its exit code tells.
        }

        await copy.ConfigureAwait(false);
        string stderr = await error.ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        return new ProgramResult(process.ExitCode, output.ToArray(), stderr);
    }

    private async Task RunToolAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{tool}' is needed for the XDR reference tests (Debian packages rpcsvc-proto, gcc, libtirpc-dev; eng/setup.sh installs them): {e.Message}", e);
        }

        using (process)
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{tool} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{await output.ConfigureAwait(false)}{await error.ConfigureAwait(false)}");
            }
        }
    }
}
