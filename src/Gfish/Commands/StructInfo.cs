using System.Collections.Generic;

namespace Gfish.Commands;

/// <summary>A public libguestfs structure: its fields in order.</summary>
/// <param name="Name">The libguestfs name (e.g. <c>statvfs</c>).</param>
/// <param name="Fields">The fields, in declaration order.</param>
internal sealed record StructInfo(string Name, IReadOnlyList<StructFieldInfo> Fields);
