using System;

namespace Guestfs.Tools.Common;

/// <summary>
/// The tool stops: <see cref="Output"/> goes to standard output, <see cref="Exception.Message"/> (complete lines, or
/// empty) to standard error, and the process exits with <see cref="ExitCode"/>.
/// </summary>
internal sealed class ToolExitException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What to print on standard error, each line ended by a newline.</param>
    /// <param name="exitCode">The exit status (1 unless the stock tool uses another).</param>
    public ToolExitException(string message, int exitCode = 1)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>The exit status.</summary>
    public int ExitCode { get; }

    /// <summary>What to print on standard output first (a listing, a version), or empty.</summary>
    public string Output { get; init; } = string.Empty;

    /// <summary>The library's error the tool stops on, when it stops on one (guestfs-fleet reports its type).</summary>
    public Exception? Cause { get; init; }
}
