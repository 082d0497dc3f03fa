using System;

namespace Guestfs;

/// <summary>
/// The connection to the daemon was lost (the appliance died, the socket closed, an I/O error, or a call was
/// cancelled at a point where the protocol cannot interrupt it). The handle is back in the CONFIG state;
/// <c>LaunchAsync</c> starts a new appliance.
/// </summary>
public sealed class GuestfsConnectionException : GuestfsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="procedure">The libguestfs name of the action in flight, or <see langword="null"/>.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public GuestfsConnectionException(string message, string? procedure = null, Exception? innerException = null)
        : base(message, errno: null, procedure, innerException)
    {
    }
}
