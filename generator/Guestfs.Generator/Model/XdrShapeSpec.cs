using System;

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

    /// <summary>The C# type of a value of this shape.</summary>
    public string CsType => CsTypeOf(this);

    /// <summary>Whether <see cref="Max"/> bounds the length or count (it is <see cref="uint.MaxValue"/> when unbounded).</summary>
    public bool IsBounded => Max != uint.MaxValue;

    /// <summary>Whether the C# type is a value type (its optional form is <c>Nullable&lt;T&gt;</c>).</summary>
    public bool IsValueType => Kind is ShapeKind.Int32 or ShapeKind.UInt32 or ShapeKind.Int64 or ShapeKind.UInt64
        or ShapeKind.Bool or ShapeKind.Float or ShapeKind.Double or ShapeKind.Char or ShapeKind.Enum or ShapeKind.OptPercent;

    /// <summary>The C# type of a value of a shape, as records, methods and codecs declare it.</summary>
    /// <param name="shape">The shape.</param>
    /// <returns>The C# type name.</returns>
    public static string CsTypeOf(XdrShapeSpec shape) => shape.Kind switch
    {
        ShapeKind.Int32 => "int",
        ShapeKind.UInt32 => "uint",
        ShapeKind.Int64 => "long",
        ShapeKind.UInt64 => "ulong",
        ShapeKind.Bool => "bool",
        ShapeKind.Float => "float",
        ShapeKind.Double => "double",
        ShapeKind.Char => "char",
        ShapeKind.String or ShapeKind.UuidString => "string",
        ShapeKind.Opaque or ShapeKind.FixedOpaque => "byte[]",
        ShapeKind.Enum or ShapeKind.Struct => shape.TypeName,
        ShapeKind.VarArray or ShapeKind.FixedArray => "global::System.Collections.Generic.IReadOnlyList<" + CsTypeOf(shape.Element!) + ">",
        ShapeKind.Optional => CsTypeOf(shape.Element!) + "?",
        ShapeKind.OptPercent => "float?",
        _ => throw new InvalidOperationException("unknown shape " + shape.Kind),
    };
}
