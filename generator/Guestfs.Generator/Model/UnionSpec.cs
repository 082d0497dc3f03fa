using Guestfs.Idl.Common;

namespace Guestfs.Generator.Model;

/// <summary>
/// A generated XDR discriminated union: an abstract record holding the discriminant, with one sealed record per arm
/// that callers pattern-match on.
/// </summary>
/// <param name="WireName">The union's name in the <c>.x</c>.</param>
/// <param name="Name">The C# type name.</param>
/// <param name="Namespace">The C# namespace.</param>
/// <param name="IsPublic">Public or internal type.</param>
/// <param name="Doc">Documentation of the type.</param>
/// <param name="Discriminant">The discriminant as a field: its property is on the base record.</param>
/// <param name="Arms">The arms in source order, the <c>default</c> arm (if any) last.</param>
internal sealed record UnionSpec(string WireName, string Name, string Namespace, bool IsPublic, string Doc, CodecFieldSpec Discriminant, EquatableArray<UnionArmSpec> Arms)
{
    /// <summary>Whether the union has a <c>default</c> arm (other discriminants are valid).</summary>
    public bool HasDefault => Arms.Count > 0 && Arms[Arms.Count - 1].IsDefault;
}
