using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Tools.Common;

/// <summary>C's <c>system (command)</c>, as the stock tools run host programs (an editor, <c>perl</c>, <c>evtxdump.py</c>).</summary>
internal static class HostCommand
{
    /// <summary>Runs <paramref name="command"/> with <c>/bin/sh -c</c> and waits for it.</summary>
    /// <param name="command">The shell command.</param>
    /// <param name="output">Where its standard output goes (copied through), or null to leave it the tool's own.</param>
    /// <param name="environment">Variables added to its environment, or null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Its exit status.</returns>
    public static async Task<int> ShellAsync(string command, Stream? output, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", command },
            UseShellExecute = false,
            RedirectStandardOutput = output is not null,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        if (output is not null)
        {
            await process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
        }

        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode;
    }
}
