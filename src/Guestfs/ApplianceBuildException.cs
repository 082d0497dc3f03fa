using System;

namespace Guestfs;

/// <summary>Building the appliance with supermin failed; <see cref="Output"/> has what the build printed.</summary>
public sealed class ApplianceBuildException : GuestfsLaunchException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="exitCode">The build script's exit code.</param>
    /// <param name="output">The build's output (supermin's messages included).</param>
    public ApplianceBuildException(string message, int exitCode, string output)
        : base(message)
    {
        ExitCode = exitCode;
        Output = output;
    }

    /// <summary>The build script's exit code.</summary>
    public int ExitCode { get; }

    /// <summary>Everything the build printed.</summary>
    public string Output { get; }
}
