using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary><c>version NAME { procedure; … } = number;</c> inside a program.</summary>
/// <param name="Name">The version's name.</param>
/// <param name="Procedures">The procedures in source order.</param>
/// <param name="Number">The version number as written.</param>
/// <param name="NameLocation">Where the name is.</param>
/// <param name="Location">The whole version.</param>
public sealed record XdrVersionSyntax(
    string Name,
    EquatableArray<XdrProcedureSyntax> Procedures,
    XdrValueSyntax Number,
    IdlLocation NameLocation,
    IdlLocation Location);
