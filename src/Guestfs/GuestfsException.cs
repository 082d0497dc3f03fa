using System;

namespace Guestfs;

/// <summary>
/// An action failed. When the daemon reported the failure, <see cref="Errno"/> holds the errno name it sent
/// (for example <c>ENOENT</c>) and <see cref="Procedure"/> names the action.
/// </summary>
/// <remarks>
/// Two derived types mark failures of the channel rather than of the action:
/// <see cref="GuestfsProtocolException"/> (the daemon broke the protocol) and
/// <see cref="GuestfsConnectionException"/> (the connection or the appliance went away).
/// </remarks>
public class GuestfsException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="errno">The errno name (<c>ENOENT</c>, …), or <see langword="null"/> when none was given.</param>
    /// <param name="procedure">The libguestfs name of the action that failed, or <see langword="null"/>.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public GuestfsException(string message, string? errno = null, string? procedure = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Errno = string.IsNullOrEmpty(errno) ? null : errno;
        Procedure = procedure;
    }

    /// <summary>The errno name the daemon reported (for example <c>ENOENT</c>), or <see langword="null"/>.</summary>
    public string? Errno { get; }

    /// <summary>The libguestfs name of the action that failed (for example <c>mount</c>), or <see langword="null"/>.</summary>
    public string? Procedure { get; }
}
