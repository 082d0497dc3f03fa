using System;

namespace Guestfs;

/// <summary>
/// A drive was refused before the appliance started: it is missing, or its format was not given and probing
/// found something other than raw or a qcow2 image with neither a backing file nor a data file (a VMDK, whose
/// extents, or any image whose backing or data file, could be host files). The message names the format to pass
/// if the image is trusted.
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
