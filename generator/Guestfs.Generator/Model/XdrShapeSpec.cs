namespace Guestfs.Generator.Model;

/// <summary>
/// A resolved XDR type (typedefs inlined, constants replaced by their values), ready for code emission.
/// </summary>
/// <param name="Kind">What it is.</param>
/// <param name="TypeName">The fully qualified C# type for <see cref="ShapeKind.Enum"/> and <see cref="ShapeKind.Struct"/>; empty otherwise.</param>
/// <param name="Max">Declared maximum length or count, <see cref="uint.MaxValue"/> when unbounded.</param>
/// <param name="Length">Fixed length or count for the fixed forms.</param>
/// <param name="Element">The element type of arrays and optionals.</param>
/// <param name="MinSize">The fewest bytes one value takes on the wire (used to bound array lengths).</param>
internal sealed record XdrShapeSpec(ShapeKind Kind, string TypeName, uint Max, int Length, XdrShapeSpec? Element, int MinSize)
{
    /// <summary>A shape without parameters.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="minSize">Its wire size.</param>
    /// <returns>The shape.</returns>
    public static XdrShapeSpec Simple(ShapeKind kind, int minSize) => new(kind, string.Empty, uint.MaxValue, 0, null, minSize);
}
