using System;

namespace Guestfs;

/// <summary>
/// A drive was refused before the appliance started: it is missing, or its format was not given and probing
/// found something that is unsafe to open automatically (an image with a backing file).
/// </summary>
public sealed class UnsafeDriveException : GuestfsLaunchException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filename">The drive's file.</param>
    /// <param name="message">Why it was refused and what to do.</param>
    public UnsafeDriveException(string filename, string message)
        : base(message)
    {
        Filename = filename;
    }

    /// <summary>The drive's file.</summary>
    public string Filename { get; }
}
