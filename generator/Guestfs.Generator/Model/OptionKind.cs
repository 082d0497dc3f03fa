namespace Guestfs.Generator.Model;

/// <summary>The kinds of optional argument.</summary>
internal enum OptionKind
{
    /// <summary>A boolean (<c>OBool</c>); zero value <c>false</c>.</summary>
    Bool,

    /// <summary>A 32-bit integer (<c>OInt</c>); zero value 0.</summary>
    Int,

    /// <summary>A 64-bit integer (<c>OInt64</c>); zero value 0.</summary>
    Int64,

    /// <summary>A string (<c>OString</c>); zero value <c>""</c>.</summary>
    String,

    /// <summary>A list of strings (<c>OStringList</c>); zero value the empty list.</summary>
    StringList,
}
