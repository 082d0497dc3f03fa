using System;

namespace Guestfs.Tools.Common;

/// <summary>
/// The command line is wrong: the tool prints <c>NAME: MESSAGE</c> (when there is a message), then
/// <c>Try ‘NAME --help’ for more information.</c>, and exits with status 1, as the stock tools' <c>usage (EXIT_FAILURE)</c>.
/// </summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The line printed after the program name, or null for only the hint.</param>
    /// <param name="fromGetopt">
    /// The message is getopt's, which glibc prefixes with <c>argv[0]</c> as invoked (<c>/usr/bin/virt-ls</c>) rather
    /// than with the program name.
    /// </param>
    public UsageException(string? message = null, bool fromGetopt = false)
        : base(message ?? string.Empty)
    {
        HasMessage = message is not null;
        FromGetopt = fromGetopt;
    }

    /// <summary>Whether the message is getopt's (prefixed with <c>argv[0]</c>).</summary>
    public bool FromGetopt { get; }

    /// <summary>Whether a message line precedes the hint.</summary>
    public bool HasMessage { get; }
}
