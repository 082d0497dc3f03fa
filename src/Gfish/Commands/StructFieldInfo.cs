namespace Gfish.Commands;

/// <summary>One field of a structure.</summary>
/// <param name="Name">The libguestfs field name, as printed (e.g. <c>pv_uuid</c>).</param>
/// <param name="Kind">The field kind.</param>
internal sealed record StructFieldInfo(string Name, FieldKind Kind);
