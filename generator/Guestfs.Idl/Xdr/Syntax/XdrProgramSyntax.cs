using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary><c>program NAME { version … } = number;</c></summary>
/// <param name="Name">The program's name.</param>
/// <param name="Versions">The versions in source order.</param>
/// <param name="Number">The program number as written.</param>
/// <param name="NameLocation">Where the name is.</param>
/// <param name="Location">The whole definition.</param>
public sealed record XdrProgramSyntax(
    string Name,
    EquatableArray<XdrVersionSyntax> Versions,
    XdrValueSyntax Number,
    IdlLocation NameLocation,
    IdlLocation Location)
    : XdrDefinitionSyntax(Location);
