using System;

namespace Gfish.Cli;

/// <summary>A command-line option error; the message is printed after the program name.</summary>
internal sealed class OptionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public OptionException(string message)
        : base(message)
    {
    }
}
