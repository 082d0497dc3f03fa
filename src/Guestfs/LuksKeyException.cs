using System;

namespace Guestfs;

/// <summary>
/// An encrypted device could not be opened by <see cref="GuestfsHandle.DecryptDisksAsync"/>: no key could be read,
/// or none of the keys opened it. The message is the text libguestfs's tools print after their name.
/// </summary>
public sealed class LuksKeyException : GuestfsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message, as libguestfs's tools word it.</param>
    /// <param name="device">The device, or <see langword="null"/> when the failure concerns no single device.</param>
    /// <param name="innerException">The last failed attempt, if any.</param>
    public LuksKeyException(string message, string? device = null, Exception? innerException = null)
        : base(message, (innerException as GuestfsException)?.Errno, "cryptsetup_open", innerException)
    {
        Device = device;
    }

    /// <summary>The encrypted device, or <see langword="null"/>.</summary>
    public string? Device { get; }
}
