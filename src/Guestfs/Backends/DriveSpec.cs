using System;
using System.IO;

namespace Guestfs.Backends;

/// <summary>One drive as <c>add_drive</c> described it (after defaults are applied).</summary>
/// <param name="Filename">Path of the image; a relative one is made absolute against the current directory. For a
/// network drive, the export (<see cref="RemoteSource"/>), kept as given.</param>
/// <param name="Remote">Where a network drive lives, or <see langword="null"/> for a local file.</param>
internal sealed record DriveSpec(string Filename, RemoteSource? Remote = null)
{
    /// <summary>
    /// The absolute path of the image (a network drive: its export, as given). qemu and qemu-img read a name such as <c>json:{...}</c>, <c>nbd:host:port</c>
    /// or <c>fat:rw:dir</c> as a protocol or a block-device description, but never one that starts with <c>/</c>:
    /// so every drive name is absolute from the moment it is added, and a file called <c>json:{...}</c> is a file.
    /// </summary>
    public string Filename { get; } = Remote is null ? ToAbsolutePath(Filename) : Filename;

    /// <summary>
    /// Image format (<c>raw</c>, <c>qcow2</c>, …), or <see langword="null"/> to probe (a network drive is never
    /// probed: raw unless given).
    /// </summary>
    public string? Format { get; init; }

    /// <summary>Open read-only (writes go to a throwaway overlay).</summary>
    public bool Readonly { get; init; }

    /// <summary>The name shown for the drive (informational).</summary>
    public string? Name { get; init; }

    /// <summary>A label; the appliance exposes it as <c>/dev/disk/guestfs/LABEL</c>.</summary>
    public string? Label { get; init; }

    /// <summary><c>writeback</c> (default) or <c>unsafe</c>.</summary>
    public string? Cachemode { get; init; }

    /// <summary><c>disable</c> (default), <c>enable</c> or <c>besteffort</c>.</summary>
    public string? Discard { get; init; }

    /// <summary>Copy-on-read.</summary>
    public bool Copyonread { get; init; }

    /// <summary>Logical/physical block size in bytes, or 0 for the hypervisor's default.</summary>
    public int Blocksize { get; init; }

    /// <summary>How the drive is named in messages: the path, or <c>PROTOCOL://SERVER EXPORT</c>.</summary>
    public string DisplayName => Remote is null ? Filename : $"{Remote.Protocol}://{string.Join(",", Remote.Servers)} {Filename}";

    /// <summary>
    /// <paramref name="filename"/> made absolute against the current directory, without resolving <c>..</c> or
    /// symbolic links (the kernel resolves the result exactly as it would have resolved the relative name).
    /// </summary>
    /// <param name="filename">A host path.</param>
    /// <returns>The path, starting with <c>/</c>.</returns>
    public static string ToAbsolutePath(string filename) =>
        filename.StartsWith('/') ? filename : Path.Join(Environment.CurrentDirectory, filename);
}
