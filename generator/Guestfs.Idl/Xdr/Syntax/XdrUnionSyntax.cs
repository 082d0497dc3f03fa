using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary><c>union NAME switch (declaration) { case …: declaration; … default: declaration; };</c></summary>
/// <param name="Name">The union's name.</param>
/// <param name="Discriminant">The declaration inside <c>switch (…)</c>.</param>
/// <param name="Arms">The <c>case</c> arms in source order.</param>
/// <param name="Default">The <c>default</c> arm, if any (its labels are empty).</param>
/// <param name="NameLocation">Where the name is.</param>
/// <param name="Location">The whole definition.</param>
public sealed record XdrUnionSyntax(
    string Name,
    XdrDeclarationSyntax Discriminant,
    EquatableArray<XdrUnionArmSyntax> Arms,
    XdrUnionArmSyntax? Default,
    IdlLocation NameLocation,
    IdlLocation Location)
    : XdrDefinitionSyntax(Location);
