using System;
using System.Collections.Generic;

namespace Guestfs;

/// <summary>
/// No usable appliance: the kernel, initrd or root file could not be found or read, and none could be built.
/// </summary>
public sealed class ApplianceNotFoundException : GuestfsLaunchException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and what to do.</param>
    /// <param name="searched">The places that were looked at.</param>
    /// <param name="innerException">The I/O error, if any.</param>
    public ApplianceNotFoundException(string message, IReadOnlyList<string> searched, Exception? innerException = null)
        : base(message, innerException)
    {
        Searched = searched;
    }

    /// <summary>The directories or files that were looked at, in order.</summary>
    public IReadOnlyList<string> Searched { get; }
}
