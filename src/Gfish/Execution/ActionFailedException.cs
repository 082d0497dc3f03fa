using System;

namespace Gfish.Execution;

/// <summary>An action failed; the message is what guestfish prints after <c>libguestfs: error: </c>.</summary>
internal sealed class ActionFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message, e.g. <c>mkdir: /etc: File exists</c>.</param>
    /// <param name="innerException">The library's exception, if any.</param>
    public ActionFailedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
