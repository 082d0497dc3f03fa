namespace Guestfs.Backends;

/// <summary>One drive as <c>add_drive</c> described it (after defaults are applied).</summary>
/// <param name="Filename">Path of the image (or the unix-socket/URL form for network protocols).</param>
internal sealed record DriveSpec(string Filename)
{
    /// <summary>Image format (<c>raw</c>, <c>qcow2</c>, …), or <see langword="null"/> to probe.</summary>
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
}
