using System;

namespace Guestfs.Tools.Common;

/// <summary>A directory walk met a malformed reply; the message is printed after the program name.</summary>
internal sealed class VisitException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public VisitException(string message)
        : base(message)
    {
    }
}
