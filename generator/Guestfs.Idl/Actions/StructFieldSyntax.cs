using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>A struct field as written: <c>name: FKind</c>.</summary>
/// <param name="Name">Field name.</param>
/// <param name="Kind">Kind word.</param>
/// <param name="Location">The whole field.</param>
public sealed record StructFieldSyntax(NameSyntax Name, NameSyntax Kind, IdlLocation Location);
