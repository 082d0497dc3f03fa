using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary><c>const NAME = value;</c></summary>
/// <param name="Name">The constant's name.</param>
/// <param name="Value">The value as written (a number or the name of another constant).</param>
/// <param name="NameLocation">Where the name is.</param>
/// <param name="Location">The whole definition.</param>
public sealed record XdrConstSyntax(string Name, XdrValueSyntax Value, IdlLocation NameLocation, IdlLocation Location)
    : XdrDefinitionSyntax(Location);
