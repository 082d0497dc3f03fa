using System;

namespace Gfish.Parsing;

/// <summary>An argument that cannot be converted to its kind; the message is what guestfish prints.</summary>
internal sealed class ConversionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The full message line, e.g. <c>set-memsize: memsize: integer out of range</c>.</param>
    public ConversionException(string message)
        : base(message)
    {
    }
}
