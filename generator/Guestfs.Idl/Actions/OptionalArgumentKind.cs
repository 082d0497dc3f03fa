namespace Guestfs.Idl.Actions;

/// <summary>The kind of an optional argument; bit <c>i</c> of the optargs bitmask says whether the <c>i</c>-th is set.</summary>
public enum OptionalArgumentKind
{
    /// <summary>A boolean (<c>OBool</c>).</summary>
    OBool,

    /// <summary>A 32-bit signed integer (<c>OInt</c>).</summary>
    OInt,

    /// <summary>A 64-bit signed integer (<c>OInt64</c>).</summary>
    OInt64,

    /// <summary>A string (<c>OString</c>).</summary>
    OString,

    /// <summary>A list of strings (<c>OStringList</c>).</summary>
    OStringList,
}
