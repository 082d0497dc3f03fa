using System;

namespace Guestfs.Backends.Direct;

/// <summary>A QMP command failed or the monitor connection broke.</summary>
internal sealed class QmpException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="QmpException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    public QmpException(string message)
        : base(message)
    {
    }
}
