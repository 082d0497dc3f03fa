namespace Guestfs.Idl.Actions;

/// <summary>The shape of an XDR type after typedefs are resolved, as far as the actions validator needs it.</summary>
public enum WireTypeKind
{
    /// <summary><c>int</c>.</summary>
    Int,

    /// <summary><c>unsigned int</c>.</summary>
    UInt,

    /// <summary><c>hyper</c> / <c>int64_t</c>.</summary>
    Hyper,

    /// <summary><c>unsigned hyper</c> / <c>uint64_t</c>.</summary>
    UHyper,

    /// <summary><c>bool</c>.</summary>
    Bool,

    /// <summary><c>float</c>.</summary>
    Float,

    /// <summary><c>double</c>.</summary>
    Double,

    /// <summary><c>char</c>.</summary>
    Char,

    /// <summary><c>string&lt;N&gt;</c>.</summary>
    String,

    /// <summary><c>opaque&lt;N&gt;</c>.</summary>
    Opaque,

    /// <summary><c>opaque[N]</c>.</summary>
    FixedOpaque,

    /// <summary>A named struct.</summary>
    Struct,

    /// <summary>A named enum.</summary>
    Enum,

    /// <summary><c>T&lt;N&gt;</c> or <c>T[N]</c>.</summary>
    Array,

    /// <summary><c>T *</c>.</summary>
    Optional,

    /// <summary>Anything else (unions, void).</summary>
    Other,
}
