using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>A named, typed declaration: a struct field, a union discriminant or a union arm.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Type">The resolved type, including the declaration's shape (array, optional …).</param>
/// <param name="Location">Where the field's name is.</param>
public sealed record XdrFieldSpec(string Name, XdrTypeSpec Type, IdlLocation Location);
