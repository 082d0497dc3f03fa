using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary><c>enum NAME { A = 1, B = A, C };</c></summary>
/// <param name="Name">The enum's name.</param>
/// <param name="Members">The members in source order.</param>
/// <param name="NameLocation">Where the name is.</param>
/// <param name="Location">The whole definition.</param>
public sealed record XdrEnumSyntax(
    string Name,
    EquatableArray<XdrEnumMemberSyntax> Members,
    IdlLocation NameLocation,
    IdlLocation Location)
    : XdrDefinitionSyntax(Location);
