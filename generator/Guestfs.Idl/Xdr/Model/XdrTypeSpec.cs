namespace Guestfs.Idl.Xdr;

/// <summary>
/// A fully resolved XDR type. Emitters map it directly: <see cref="Kind"/> says what goes on the wire,
/// arrays and optional data nest their <see cref="Element"/>, and named types point by
/// <see cref="Name"/> to an <see cref="XdrStructSpec"/>, <see cref="XdrEnumSpec"/> or <see cref="XdrUnionSpec"/> of
/// the same <see cref="XdrSpec"/>. Typedefs are already expanded: a reference through a typedef yields the
/// typedef's target with <see cref="Alias"/> set to the typedef's name.
/// </summary>
/// <example>
/// <c>guestfs_str names&lt;&gt;</c> with <c>typedef string guestfs_str&lt;&gt;</c> is
/// <c>VariableArray(Element: String(Alias: "guestfs_str"))</c>; <c>guestfs_str *expr</c> is
/// <c>Optional(Element: String(Alias: "guestfs_str"))</c>; <c>opaque uuid[32]</c> is <c>FixedOpaque(Size: 32)</c>.
/// </example>
/// <param name="Kind">What the type is on the wire.</param>
/// <param name="Spelling">How the base type was written where it was referenced (<c>unsigned</c>, <c>int64_t</c>,
/// <c>struct foo</c>, <c>foo</c>); empty for array and optional nodes, which come from the declaration's shape.</param>
/// <param name="Name">For <see cref="XdrTypeKind.Enum"/>, <see cref="XdrTypeKind.Struct"/>, <see cref="XdrTypeKind.Union"/> and <see cref="XdrTypeKind.Unresolved"/>: the referenced definition's name.</param>
/// <param name="Element">For <see cref="XdrTypeKind.FixedArray"/>, <see cref="XdrTypeKind.VariableArray"/> and <see cref="XdrTypeKind.Optional"/>: the element type.</param>
/// <param name="Size">For fixed arrays and fixed opaque: the exact length. For variable arrays, strings and variable opaque: the maximum, or <see langword="null"/> for no maximum (<c>&lt;&gt;</c>).</param>
/// <param name="Alias">The typedef name this node was referenced by, or <see langword="null"/>.</param>
public sealed record XdrTypeSpec(
    XdrTypeKind Kind,
    string Spelling,
    string? Name = null,
    XdrTypeSpec? Element = null,
    XdrValueSpec? Size = null,
    string? Alias = null)
{
    /// <summary>Whether the type is a 4-byte or 8-byte number, <c>bool</c>, <c>char</c> or floating point value.</summary>
    public bool IsPrimitive => Kind is >= XdrTypeKind.Int and <= XdrTypeKind.Bool;

    /// <summary>Whether the type holds other types (<see cref="Element"/> is set).</summary>
    public bool IsContainer => Kind is XdrTypeKind.FixedArray or XdrTypeKind.VariableArray or XdrTypeKind.Optional;

    /// <summary>This type without its <see cref="Alias"/>, for comparing shapes regardless of typedef names.</summary>
    /// <returns>The same type with <see cref="Alias"/> cleared.</returns>
    public XdrTypeSpec WithoutAlias() => Alias is null ? this : this with { Alias = null };

    /// <inheritdoc />
    public override string ToString() => XdrPrinter.FormatType(this);
}
