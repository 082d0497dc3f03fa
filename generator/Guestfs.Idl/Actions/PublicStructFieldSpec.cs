using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>A field of a public struct.</summary>
/// <param name="Name">The libguestfs (and XDR) field name, e.g. <c>pv_uuid</c>.</param>
/// <param name="Kind">Its kind, which fixes its XDR and C# types.</param>
/// <param name="Location">Where it is declared.</param>
public sealed record PublicStructFieldSpec(string Name, StructFieldKind Kind, IdlLocation Location);
