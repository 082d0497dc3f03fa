using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary><c>struct NAME { declaration; … };</c></summary>
/// <param name="Name">The structure's name.</param>
/// <param name="Fields">The field declarations in source order (at least one).</param>
/// <param name="NameLocation">Where the name is.</param>
/// <param name="Location">The whole definition.</param>
public sealed record XdrStructSyntax(
    string Name,
    EquatableArray<XdrDeclarationSyntax> Fields,
    IdlLocation NameLocation,
    IdlLocation Location)
    : XdrDefinitionSyntax(Location);
