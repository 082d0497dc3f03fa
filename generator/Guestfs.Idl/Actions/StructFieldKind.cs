namespace Guestfs.Idl.Actions;

/// <summary>The kind of a public struct field; each has one XDR type and one C# type.</summary>
public enum StructFieldKind
{
    /// <summary>A single character; XDR <c>char</c> (4 bytes), C# <c>char</c>.</summary>
    FChar,

    /// <summary>A string; XDR <c>string&lt;&gt;</c>, C# <c>string</c>.</summary>
    FString,

    /// <summary>Bytes; XDR <c>opaque&lt;&gt;</c>, C# <c>byte[]</c>.</summary>
    FBuffer,

    /// <summary>A 32-character UUID; XDR <c>opaque[32]</c>, C# <c>string</c>.</summary>
    FUUID,

    /// <summary>XDR <c>int</c>, C# <c>int</c>.</summary>
    FInt32,

    /// <summary>XDR <c>unsigned int</c>, C# <c>uint</c>.</summary>
    FUInt32,

    /// <summary>XDR <c>hyper</c>, C# <c>long</c>.</summary>
    FInt64,

    /// <summary>A size in bytes; XDR <c>hyper</c>, C# <c>long</c>.</summary>
    FBytes,

    /// <summary>XDR <c>unsigned hyper</c>, C# <c>ulong</c>.</summary>
    FUInt64,

    /// <summary>A percentage, negative when unknown; XDR <c>float</c>, C# <c>float?</c> (null when negative).</summary>
    FOptPercent,
}
