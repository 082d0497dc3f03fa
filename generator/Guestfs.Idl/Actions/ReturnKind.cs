namespace Guestfs.Idl.Actions;

/// <summary>What an action returns; written in the table as the words after <c>-&gt;</c>.</summary>
public enum ReturnKind
{
    /// <summary>Nothing but success or an error (<c>err</c>).</summary>
    Err,

    /// <summary>A 32-bit integer (<c>int</c>).</summary>
    Int,

    /// <summary>A 64-bit integer (<c>int64</c>).</summary>
    Int64,

    /// <summary>A boolean (<c>bool</c>).</summary>
    Bool,

    /// <summary>A string owned by the library; library-side only (<c>const string</c>).</summary>
    ConstString,

    /// <summary>A string owned by the library that may be absent; library-side only (<c>const opt string</c>).</summary>
    ConstOptString,

    /// <summary>A string (<c>string</c>).</summary>
    String,

    /// <summary>A list of strings (<c>string list</c>).</summary>
    StringList,

    /// <summary>One public struct (<c>struct T</c>).</summary>
    Struct,

    /// <summary>A list of public structs (<c>struct list T</c>).</summary>
    StructList,

    /// <summary>Key/value pairs sent as a flat string list (<c>hashtable</c>).</summary>
    Hashtable,

    /// <summary>A byte buffer (<c>buffer</c>).</summary>
    Buffer,
}
