using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary><c>result NAME(argument, …) = number;</c> inside a version.</summary>
/// <param name="Name">The procedure's name.</param>
/// <param name="Result">The result type (<c>void</c> allowed).</param>
/// <param name="Arguments">The argument types (a single <c>void</c> for none).</param>
/// <param name="Number">The procedure number as written.</param>
/// <param name="NameLocation">Where the name is.</param>
/// <param name="Location">The whole procedure.</param>
public sealed record XdrProcedureSyntax(
    string Name,
    XdrTypeSyntax Result,
    EquatableArray<XdrTypeSyntax> Arguments,
    XdrValueSyntax Number,
    IdlLocation NameLocation,
    IdlLocation Location);
