using System;

namespace Gfish.Parsing;

/// <summary>A line of input that guestfish syntax does not allow; the message is what guestfish prints after the program name.</summary>
internal sealed class ScriptSyntaxException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message, e.g. <c>unterminated double quote</c>.</param>
    /// <param name="ignoreError">The line started with <c>-</c>.</param>
    public ScriptSyntaxException(string message, bool ignoreError)
        : base(message)
    {
        IgnoreError = ignoreError;
    }

    /// <summary>The line started with <c>-</c>, so the error does not end the script.</summary>
    public bool IgnoreError { get; }
}
