namespace Guestfs.Generator.Model;

/// <summary>The kinds of required action argument, as in libguestfs's <c>types.ml</c>.</summary>
internal enum ParameterKind
{
    /// <summary>A plain string.</summary>
    String,

    /// <summary>An absolute path in the guest.</summary>
    Pathname,

    /// <summary>A device name such as <c>/dev/sda1</c>.</summary>
    Device,

    /// <summary>A device or something mountable (btrfs subvolume).</summary>
    Mountable,

    /// <summary>A device or a path.</summary>
    DevOrPath,

    /// <summary>A mountable or a path.</summary>
    MountableOrPath,

    /// <summary>A file name without directory.</summary>
    Filename,

    /// <summary>A key or passphrase.</summary>
    Key,

    /// <summary>A GUID.</summary>
    Guid,

    /// <summary>A string that may be absent.</summary>
    OptString,

    /// <summary>A list of strings.</summary>
    StringList,

    /// <summary>A list of device names.</summary>
    DeviceList,

    /// <summary>A list of file names.</summary>
    FilenameList,

    /// <summary>A boolean.</summary>
    Bool,

    /// <summary>A 32-bit integer.</summary>
    Int,

    /// <summary>A 64-bit integer.</summary>
    Int64,

    /// <summary>A byte buffer.</summary>
    BufferIn,

    /// <summary>A local file (or stream) uploaded to the daemon.</summary>
    FileIn,

    /// <summary>A local file (or stream) the daemon's output is downloaded into.</summary>
    FileOut,

    /// <summary>An opaque native pointer (library-side only; not emitted).</summary>
    Pointer,
}
