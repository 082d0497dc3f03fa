namespace Guestfs.Generator.Model;

/// <summary>One field of a generated XDR structure.</summary>
/// <param name="WireName">The field name in the <c>.x</c> (used in error paths).</param>
/// <param name="PropertyName">The C# property.</param>
/// <param name="Shape">Its resolved type.</param>
/// <param name="CsType">The C# type of the property.</param>
/// <param name="Doc">One-line documentation.</param>
internal sealed record CodecFieldSpec(string WireName, string PropertyName, XdrShapeSpec Shape, string CsType, string Doc)
{
    /// <summary>Whether the field carries a key or passphrase (an argument of kind <c>Key</c>): traced as <c>"***"</c>.</summary>
    public bool IsSecret { get; init; }
}
