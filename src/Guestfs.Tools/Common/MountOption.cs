namespace Guestfs.Tools.Common;

/// <summary>An <c>-m DEV[:MOUNTPOINT[:OPTIONS[:FSTYPE]]]</c> option.</summary>
/// <param name="Device">The device or mountable.</param>
/// <param name="MountPoint">Where to mount it (default <c>/</c>).</param>
/// <param name="Options">Mount options, or null.</param>
/// <param name="FilesystemType">The filesystem type, or null.</param>
internal sealed record MountOption(string Device, string MountPoint, string? Options, string? FilesystemType)
{
    /// <summary>Parses the option value as the stock tools do (split at the first three colons; an empty mount point stays empty).</summary>
    /// <param name="value">The text after <c>-m</c>.</param>
    /// <returns>The option.</returns>
    public static MountOption Parse(string value)
    {
        var parts = value.Split(':', 4);
        return new MountOption(
            parts[0],
            parts.Length > 1 ? parts[1] : "/",
            parts.Length > 2 ? parts[2] : null,
            parts.Length > 3 ? parts[3] : null);
    }
}
