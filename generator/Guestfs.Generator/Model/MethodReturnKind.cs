namespace Guestfs.Generator.Model;

/// <summary>The kinds of action result.</summary>
internal enum MethodReturnKind
{
    /// <summary>Nothing (<c>RErr</c>).</summary>
    None,

    /// <summary>A 32-bit integer.</summary>
    Int,

    /// <summary>A 64-bit integer.</summary>
    Int64,

    /// <summary>A boolean.</summary>
    Bool,

    /// <summary>A string.</summary>
    String,

    /// <summary>A string that may be absent (library-side only).</summary>
    OptString,

    /// <summary>A list of strings.</summary>
    StringList,

    /// <summary>One public structure.</summary>
    Struct,

    /// <summary>A list of public structures.</summary>
    StructList,

    /// <summary>A string → string table, a flat key, value, key, value list on the wire.</summary>
    Hashtable,

    /// <summary>A byte buffer.</summary>
    Buffer,
}
