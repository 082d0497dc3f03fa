using System;

namespace Guestfs;

/// <summary>
/// The appliance did not become ready in time. <see cref="ConsoleTail"/> shows how far it got; under TCG
/// (no KVM) a busy machine may simply need a longer launch timeout.
/// </summary>
public sealed class LaunchTimeoutException : GuestfsLaunchException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="timeout">The limit that passed.</param>
    /// <param name="consoleTail">The last lines of the appliance console.</param>
    public LaunchTimeoutException(TimeSpan timeout, string consoleTail)
        : base($"launch: the appliance did not become ready within {timeout.TotalSeconds:0} seconds. " +
               "Enable verbose to see the whole boot; under TCG a longer timeout may be needed." +
               (consoleTail.Trim().Length > 0
                   ? Environment.NewLine + "Last appliance console output:" + Environment.NewLine + consoleTail.TrimEnd()
                   : " The appliance printed nothing."))
    {
        Timeout = timeout;
        ConsoleTail = consoleTail;
    }

    /// <summary>The limit that passed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The last lines of the appliance console.</summary>
    public string ConsoleTail { get; }
}
