using System;

namespace Guestfs;

/// <summary>
/// The hypervisor exited before the daemon in the appliance said it was ready. <see cref="StandardError"/> has
/// qemu's own messages (bad options, unreadable drives); <see cref="ConsoleTail"/> the end of the appliance's
/// console (kernel panic, init errors).
/// </summary>
public sealed class HypervisorExitedException : GuestfsLaunchException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="exitCode">qemu's exit code.</param>
    /// <param name="standardError">What qemu wrote to its standard error.</param>
    /// <param name="consoleTail">The last lines of the appliance console.</param>
    public HypervisorExitedException(int exitCode, string standardError, string consoleTail)
        : base(BuildMessage(exitCode, standardError, consoleTail))
    {
        ExitCode = exitCode;
        StandardError = standardError;
        ConsoleTail = consoleTail;
    }

    /// <summary>qemu's exit code.</summary>
    public int ExitCode { get; }

    /// <summary>What qemu wrote to its standard error.</summary>
    public string StandardError { get; }

    /// <summary>The last lines of the appliance console.</summary>
    public string ConsoleTail { get; }

    private static string BuildMessage(int exitCode, string standardError, string consoleTail)
    {
        string message = $"launch: qemu exited with status {exitCode} before the appliance was ready.";
        if (standardError.Trim().Length > 0)
        {
            message += Environment.NewLine + "qemu said: " + standardError.Trim();
        }

        if (consoleTail.Trim().Length > 0)
        {
            message += Environment.NewLine + "Last appliance console output:" + Environment.NewLine + consoleTail.TrimEnd();
        }
        else
        {
            message += " The appliance printed nothing; enable verbose for the full console.";
        }

        return message;
    }
}
