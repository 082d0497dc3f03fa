using System;

namespace Guestfs;

/// <summary>
/// A directory the launch would read from or write to (the per-user cache, the snapshot store, a private run
/// directory) could have been written by another local user: it is a symbolic link or not a directory, is owned by
/// another user, or is writable by group or others. Nothing is read from it or written into it.
/// </summary>
public sealed class UnsafeDirectoryException : GuestfsLaunchException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the directory and what to do.</param>
    /// <param name="path">The directory.</param>
    /// <param name="ownerUid">Its owner's user id, when it could be read.</param>
    /// <param name="mode">Its file type and permission bits (<c>st_mode</c>), when they could be read.</param>
    public UnsafeDirectoryException(string message, string path, long? ownerUid, int? mode)
        : base(message)
    {
        Path = path;
        OwnerUid = ownerUid;
        Mode = mode;
    }

    /// <summary>The refused directory.</summary>
    public string Path { get; }

    /// <summary>Its owner's user id, or <see langword="null"/> when it could not be read.</summary>
    public long? OwnerUid { get; }

    /// <summary>Its <c>st_mode</c> (file type and permission bits), or <see langword="null"/> when it could not be read.</summary>
    public int? Mode { get; }
}
