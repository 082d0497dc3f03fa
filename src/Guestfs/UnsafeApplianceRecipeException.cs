using System;
using System.IO;

namespace Guestfs;

/// <summary>
/// The appliance recipe (the build script and files the library runs to build its appliance) was refused: it, a
/// file in it or a directory above it can be changed by a user other than the caller, who could then run code as
/// the caller.
/// </summary>
public sealed class UnsafeApplianceRecipeException : GuestfsLaunchException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file or directory refused.</param>
    /// <param name="owner">Its owner's uid.</param>
    /// <param name="mode">Its permission bits.</param>
    /// <param name="message">Why it was refused and what to do.</param>
    public UnsafeApplianceRecipeException(string path, uint owner, UnixFileMode mode, string message)
        : base(message)
    {
        Path = path;
        Owner = owner;
        Mode = mode;
    }

    /// <summary>The file or directory refused.</summary>
    public string Path { get; }

    /// <summary>The uid owning <see cref="Path"/>.</summary>
    public uint Owner { get; }

    /// <summary>The permission bits of <see cref="Path"/>.</summary>
    public UnixFileMode Mode { get; }
}
