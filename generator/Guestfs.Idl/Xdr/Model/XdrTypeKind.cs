namespace Guestfs.Idl.Xdr;

/// <summary>
/// What an <see cref="XdrTypeSpec"/> is on the wire. Typedefs never appear as a kind: a reference through a
/// typedef is resolved to its target and only remembered in <see cref="XdrTypeSpec.Alias"/>.
/// </summary>
public enum XdrTypeKind
{
    /// <summary>No value (<c>void</c>): procedure results and arguments only.</summary>
    Void,

    /// <summary>Signed 32-bit integer: <c>int</c>, <c>long</c>, <c>int32_t</c>.</summary>
    Int,

    /// <summary>Unsigned 32-bit integer: <c>unsigned</c>, <c>unsigned int</c>, <c>unsigned long</c>, <c>uint32_t</c>, <c>u_int</c>.</summary>
    UnsignedInt,

    /// <summary>Signed 64-bit integer: <c>hyper</c>, <c>int64_t</c>.</summary>
    Hyper,

    /// <summary>Unsigned 64-bit integer: <c>unsigned hyper</c>, <c>uint64_t</c>.</summary>
    UnsignedHyper,

    /// <summary><c>char</c>: a character carried in four bytes like an <c>int</c>.</summary>
    Char,

    /// <summary><c>unsigned char</c>, <c>u_char</c>: four bytes like an <c>unsigned int</c>.</summary>
    UnsignedChar,

    /// <summary><c>short</c>: four bytes like an <c>int</c>.</summary>
    Short,

    /// <summary><c>unsigned short</c>, <c>u_short</c>: four bytes like an <c>unsigned int</c>.</summary>
    UnsignedShort,

    /// <summary>32-bit IEEE 754 <c>float</c>.</summary>
    Float,

    /// <summary>64-bit IEEE 754 <c>double</c>.</summary>
    Double,

    /// <summary>128-bit <c>quadruple</c>.</summary>
    Quadruple,

    /// <summary><c>bool</c>: four bytes, 0 or 1.</summary>
    Bool,

    /// <summary><c>string&lt;max&gt;</c>: length, bytes, padding. <see cref="XdrTypeSpec.Size"/> is the maximum or <see langword="null"/>.</summary>
    String,

    /// <summary><c>opaque[n]</c>: exactly <see cref="XdrTypeSpec.Size"/> bytes, padded.</summary>
    FixedOpaque,

    /// <summary><c>opaque&lt;max&gt;</c>: length, bytes, padding. <see cref="XdrTypeSpec.Size"/> is the maximum or <see langword="null"/>.</summary>
    VariableOpaque,

    /// <summary>An enum, encoded as an <c>int</c>; <see cref="XdrTypeSpec.Name"/> names the <see cref="XdrEnumSpec"/>.</summary>
    Enum,

    /// <summary>A structure; <see cref="XdrTypeSpec.Name"/> names the <see cref="XdrStructSpec"/>.</summary>
    Struct,

    /// <summary>A discriminated union; <see cref="XdrTypeSpec.Name"/> names the <see cref="XdrUnionSpec"/>.</summary>
    Union,

    /// <summary><c>T name[n]</c>: exactly <see cref="XdrTypeSpec.Size"/> elements of <see cref="XdrTypeSpec.Element"/>.</summary>
    FixedArray,

    /// <summary><c>T name&lt;max&gt;</c>: a count then that many elements of <see cref="XdrTypeSpec.Element"/>.</summary>
    VariableArray,

    /// <summary><c>T *name</c>: a presence flag (<c>bool</c>) then, if set, one <see cref="XdrTypeSpec.Element"/>.</summary>
    Optional,

    /// <summary>A reference the binder could not resolve (an error was reported); <see cref="XdrTypeSpec.Name"/> holds the name.</summary>
    Unresolved,
}
