namespace Gfish.Cli;

/// <summary>An <c>-m DEV[:MOUNTPOINT[:OPTIONS[:FSTYPE]]]</c> option.</summary>
/// <param name="Device">The device or mountable.</param>
/// <param name="MountPoint">Where to mount it (default <c>/</c>).</param>
/// <param name="Options">Mount options, or null.</param>
/// <param name="FilesystemType">The filesystem type, or null.</param>
internal sealed record MountOption(string Device, string MountPoint, string? Options, string? FilesystemType)
{
    /// <summary>Parses the option value.</summary>
    /// <param name="value">The text after <c>-m</c>.</param>
    /// <returns>The option.</returns>
    public static MountOption Parse(string value)
    {
        var parts = value.Split(':', 4);
        string? At(int i) => i < parts.Length ? parts[i] : null;
        var mountPoint = At(1);
        return new MountOption(parts[0], string.IsNullOrEmpty(mountPoint) ? "/" : mountPoint, At(2), At(3));
    }
}
