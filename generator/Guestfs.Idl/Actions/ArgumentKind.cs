namespace Guestfs.Idl.Actions;

/// <summary>
/// What an ordinary argument means, beyond its wire type. All string-like kinds travel as an XDR <c>string</c>;
/// the kind tells the generator which check to make before sending and how to document it.
/// </summary>
public enum ArgumentKind
{
    /// <summary>A plain string (<c>String</c>).</summary>
    String,

    /// <summary>A string that may be absent (<c>OptString</c>); an XDR optional string.</summary>
    OptString,

    /// <summary>A list of plain strings (<c>StringList</c>).</summary>
    StringList,

    /// <summary>A list of appliance device names (<c>DeviceList</c>).</summary>
    DeviceList,

    /// <summary>A list of file names relative to some directory (<c>FilenameList</c>).</summary>
    FilenameList,

    /// <summary>An appliance device name such as <c>/dev/sda1</c> (<c>Device</c>).</summary>
    Device,

    /// <summary>Something mountable: a device, or a btrfs subvolume spec (<c>Mountable</c>).</summary>
    Mountable,

    /// <summary>An absolute path inside the guest filesystem (<c>Pathname</c>).</summary>
    Pathname,

    /// <summary>A device name or an absolute guest path (<c>Dev_or_Path</c>).</summary>
    DevOrPath,

    /// <summary>Something mountable or an absolute guest path (<c>Mountable_or_Path</c>).</summary>
    MountableOrPath,

    /// <summary>A host-side stream uploaded to the daemon as chunks (<c>FileIn</c>); not part of <c>_args</c>.</summary>
    FileIn,

    /// <summary>A host-side stream the daemon downloads into as chunks (<c>FileOut</c>); not part of <c>_args</c>.</summary>
    FileOut,

    /// <summary>A secret such as a passphrase (<c>Key</c>); never traced.</summary>
    Key,

    /// <summary>A GUID in text form (<c>GUID</c>).</summary>
    Guid,

    /// <summary>A file name relative to some directory, without slashes (<c>Filename</c>).</summary>
    Filename,

    /// <summary>A boolean (<c>Bool</c>).</summary>
    Bool,

    /// <summary>A 32-bit signed integer (<c>Int</c>).</summary>
    Int,

    /// <summary>A 64-bit signed integer (<c>Int64</c>).</summary>
    Int64,

    /// <summary>A byte buffer (<c>BufferIn</c>); an XDR <c>opaque&lt;&gt;</c>.</summary>
    BufferIn,

    /// <summary>A native pointer of the C type in <see cref="ArgumentSpec.PointerType"/> (<c>Pointer(T)</c>); library-side only.</summary>
    Pointer,
}
