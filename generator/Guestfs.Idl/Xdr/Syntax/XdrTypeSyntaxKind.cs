namespace Guestfs.Idl.Xdr;

/// <summary>The forms of a type specifier in rpcgen syntax.</summary>
public enum XdrTypeSyntaxKind
{
    /// <summary><c>void</c>.</summary>
    Void,

    /// <summary><c>int</c>.</summary>
    Int,

    /// <summary><c>unsigned</c> or <c>unsigned int</c>.</summary>
    UnsignedInt,

    /// <summary><c>hyper</c>.</summary>
    Hyper,

    /// <summary><c>unsigned hyper</c>.</summary>
    UnsignedHyper,

    /// <summary><c>char</c> (rpcgen extension, four bytes on the wire).</summary>
    Char,

    /// <summary><c>unsigned char</c>.</summary>
    UnsignedChar,

    /// <summary><c>short</c> or <c>short int</c> (rpcgen extension, four bytes on the wire).</summary>
    Short,

    /// <summary><c>unsigned short</c>.</summary>
    UnsignedShort,

    /// <summary><c>long</c> or <c>long int</c> (rpcgen extension, four bytes on the wire).</summary>
    Long,

    /// <summary><c>unsigned long</c>.</summary>
    UnsignedLong,

    /// <summary><c>float</c>.</summary>
    Float,

    /// <summary><c>double</c>.</summary>
    Double,

    /// <summary><c>quadruple</c>.</summary>
    Quadruple,

    /// <summary><c>bool</c>.</summary>
    Bool,

    /// <summary><c>string</c> (needs <c>&lt;…&gt;</c> in its declaration).</summary>
    String,

    /// <summary><c>opaque</c> (needs <c>[…]</c> or <c>&lt;…&gt;</c> in its declaration).</summary>
    Opaque,

    /// <summary>A bare name: a typedef, struct, enum or union, or a well-known C type such as <c>int64_t</c>.</summary>
    Named,

    /// <summary><c>struct NAME</c>.</summary>
    Struct,

    /// <summary><c>enum NAME</c>.</summary>
    Enum,

    /// <summary><c>union NAME</c>.</summary>
    Union,
}
