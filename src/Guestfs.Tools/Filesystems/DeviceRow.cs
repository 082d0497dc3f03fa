using System.Collections.Generic;

namespace Guestfs.Tools.Filesystems;

/// <summary>One line of virt-filesystems; values of columns not shown are null.</summary>
/// <param name="Name">The canonical device name (or <c>/dev/VG</c>).</param>
/// <param name="Type">filesystem, lv, vg, pv, partition or device.</param>
/// <param name="VfsType">The filesystem type, for filesystems.</param>
/// <param name="VfsLabel">The filesystem label (empty when it has none), for filesystems.</param>
/// <param name="MbrId">The MBR partition type byte, or -1.</param>
/// <param name="Size">The size in bytes, or -1.</param>
/// <param name="Parents">The parent devices, or null when the column is not shown.</param>
/// <param name="Uuid">The UUID, or null.</param>
internal sealed record DeviceRow(
    string Name, string Type, string? VfsType, string? VfsLabel, int MbrId, long Size, IReadOnlyList<string>? Parents, string? Uuid);
