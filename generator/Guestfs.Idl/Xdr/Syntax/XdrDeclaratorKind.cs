namespace Guestfs.Idl.Xdr;

/// <summary>The shape of a declaration.</summary>
public enum XdrDeclaratorKind
{
    /// <summary><c>void</c>: no value (union arms, procedure results and arguments).</summary>
    Void,

    /// <summary><c>type name</c>.</summary>
    Scalar,

    /// <summary><c>type name[size]</c>: exactly <c>size</c> elements (bytes for <c>opaque</c>).</summary>
    FixedArray,

    /// <summary><c>type name&lt;size&gt;</c> or <c>type name&lt;&gt;</c>: a counted array (or string/opaque) with an optional maximum.</summary>
    VariableArray,

    /// <summary><c>type *name</c>: optional data, a presence flag followed by the value.</summary>
    Optional,
}
