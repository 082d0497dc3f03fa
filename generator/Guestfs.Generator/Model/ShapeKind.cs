namespace Guestfs.Generator.Model;

/// <summary>The kinds of XDR type the codec emitter knows how to read and write.</summary>
internal enum ShapeKind
{
    /// <summary><c>int</c>.</summary>
    Int32,

    /// <summary><c>unsigned int</c>.</summary>
    UInt32,

    /// <summary><c>hyper</c> / <c>int64_t</c>.</summary>
    Int64,

    /// <summary><c>unsigned hyper</c> / <c>uint64_t</c>.</summary>
    UInt64,

    /// <summary><c>bool</c>.</summary>
    Bool,

    /// <summary><c>float</c>.</summary>
    Float,

    /// <summary><c>double</c>.</summary>
    Double,

    /// <summary><c>char</c> (4 bytes on the wire).</summary>
    Char,

    /// <summary><c>string&lt;N&gt;</c>.</summary>
    String,

    /// <summary><c>opaque&lt;N&gt;</c>.</summary>
    Opaque,

    /// <summary><c>opaque[N]</c>.</summary>
    FixedOpaque,

    /// <summary>A named enum (4-byte int).</summary>
    Enum,

    /// <summary>A named struct or union with its own codec.</summary>
    Struct,

    /// <summary><c>T name&lt;N&gt;</c>.</summary>
    VarArray,

    /// <summary><c>T name[N]</c>.</summary>
    FixedArray,

    /// <summary><c>T *name</c>.</summary>
    Optional,

    /// <summary>A public-structure UUID: <c>opaque[32]</c> on the wire, a string in .NET.</summary>
    UuidString,

    /// <summary>A public-structure optional percentage: <c>float</c> on the wire, -1 meaning absent.</summary>
    OptPercent,
}
