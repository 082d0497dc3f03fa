namespace Gfish.Commands;

/// <summary>What an action returns, which decides how guestfish prints it.</summary>
internal enum ReturnKind
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,

    /// <summary>A 32-bit integer.</summary>
    Int,

    /// <summary>A 64-bit integer.</summary>
    Int64,

    /// <summary>A string.</summary>
    String,

    /// <summary>A string that may be absent (printed as <c>(null)</c>).</summary>
    OptString,

    /// <summary>A list of strings, one per line.</summary>
    StringList,

    /// <summary>A structure, one <c>field: value</c> line per field.</summary>
    Struct,

    /// <summary>A list of structures, each in a <c>[i] = { … }</c> block.</summary>
    StructList,

    /// <summary>Key/value pairs, one <c>key: value</c> line each.</summary>
    Hashtable,

    /// <summary>Raw bytes, written as they are.</summary>
    Buffer,
}
