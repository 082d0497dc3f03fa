using System.Collections.Generic;

namespace Guestfs.Tools.Diff;

/// <summary>One file of a guest's walk.</summary>
/// <param name="Path">The full path.</param>
/// <param name="Stat">Its <c>lstatns</c>, with the fields the options ignore set to zero.</param>
/// <param name="Xattrs">Its extended attributes.</param>
/// <param name="Checksum">Its content checksum (<c>--checksum</c>, regular files), or null.</param>
internal sealed record DiffFile(string Path, StatNs Stat, IReadOnlyList<XAttr> Xattrs, string? Checksum);
