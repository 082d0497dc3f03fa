using System;

namespace Guestfs;

/// <summary>
/// The daemon sent something the protocol does not allow (bad framing, a reply for another call, an oversized
/// message). The connection is torn down and the handle returns to the CONFIG state.
/// </summary>
public sealed class GuestfsProtocolException : GuestfsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="procedure">The libguestfs name of the action in flight, or <see langword="null"/>.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public GuestfsProtocolException(string message, string? procedure = null, Exception? innerException = null)
        : base(message, errno: null, procedure, innerException)
    {
    }
}
