using System;

namespace Guestfs;

/// <summary>The appliance could not be started. Derived types say which step failed and what to do.</summary>
public class GuestfsLaunchException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to do about it.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public GuestfsLaunchException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
