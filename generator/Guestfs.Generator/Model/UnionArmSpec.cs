using Guestfs.Idl.Common;

namespace Guestfs.Generator.Model;

/// <summary>One arm of a <see cref="UnionSpec"/>: the sealed record a discriminant value selects.</summary>
/// <param name="Name">The nested record's name: from its case labels (<c>NfsOk</c>, <c>Case1Or2</c>), or <c>Default</c>.</param>
/// <param name="Cases">The case labels as written in the <c>.x</c> (for the documentation); empty for the default arm.</param>
/// <param name="Labels">The case labels as C# constants of the discriminant's type; empty for the default arm.</param>
/// <param name="IsDefault">Whether this is the <c>default</c> arm.</param>
/// <param name="Field">What follows the discriminant, or <see langword="null"/> for a <c>void</c> arm.</param>
internal sealed record UnionArmSpec(string Name, EquatableArray<string> Cases, EquatableArray<string> Labels, bool IsDefault, CodecFieldSpec? Field)
{
    /// <summary>
    /// Whether the record takes the discriminant as a constructor argument: the default arm and arms with several
    /// labels can stand for more than one value; an arm with one label fixes it.
    /// </summary>
    public bool CarriesDiscriminant => IsDefault || Labels.Count > 1;
}
