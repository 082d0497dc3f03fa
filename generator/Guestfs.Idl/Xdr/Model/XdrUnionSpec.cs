using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>A discriminated union: the discriminant, then the arm its value selects.</summary>
/// <param name="Name">The union's name.</param>
/// <param name="Discriminant">The discriminant (an <c>int</c>, <c>unsigned int</c>, <c>bool</c> or enum).</param>
/// <param name="Arms">The <c>case</c> arms in source order.</param>
/// <param name="Default">The <c>default</c> arm, or <see langword="null"/> when other values are invalid.</param>
/// <param name="Location">Where the union's name is defined.</param>
public sealed record XdrUnionSpec(
    string Name,
    XdrFieldSpec Discriminant,
    EquatableArray<XdrUnionArmSpec> Arms,
    XdrUnionArmSpec? Default,
    IdlLocation Location);
