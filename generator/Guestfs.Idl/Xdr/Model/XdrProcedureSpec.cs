using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>A remote procedure of a program version.</summary>
/// <param name="Name">The procedure's name.</param>
/// <param name="Number">The procedure number.</param>
/// <param name="Result">The result type (<see cref="XdrTypeKind.Void"/> for none).</param>
/// <param name="Arguments">The argument types; empty when the procedure takes <c>void</c>.</param>
/// <param name="Location">Where the procedure's name is defined.</param>
public sealed record XdrProcedureSpec(
    string Name,
    XdrValueSpec Number,
    XdrTypeSpec Result,
    EquatableArray<XdrTypeSpec> Arguments,
    IdlLocation Location);
