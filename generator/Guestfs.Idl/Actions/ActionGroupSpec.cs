using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>A topic group: one <c>.actions</c> file.</summary>
/// <param name="Name">The group name from its <c>group</c> line, e.g. <c>filesystems</c>.</param>
/// <param name="Path">The file.</param>
/// <param name="Location">The <c>group</c> line.</param>
public sealed record ActionGroupSpec(string Name, string Path, IdlLocation Location);
