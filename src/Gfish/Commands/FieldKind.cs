namespace Gfish.Commands;

/// <summary>The kind of a structure field, which decides how guestfish prints it.</summary>
internal enum FieldKind
{
    /// <summary>A string.</summary>
    String,

    /// <summary>A single character.</summary>
    Char,

    /// <summary>Bytes, printed as characters with <c>\xNN</c> for the unprintable ones.</summary>
    Buffer,

    /// <summary>A 32-character UUID, printed as its characters.</summary>
    Uuid,

    /// <summary>A signed 32-bit integer.</summary>
    Int32,

    /// <summary>An unsigned 32-bit integer.</summary>
    UInt32,

    /// <summary>A signed 64-bit integer.</summary>
    Int64,

    /// <summary>An unsigned 64-bit integer.</summary>
    UInt64,

    /// <summary>A byte count (signed 64-bit).</summary>
    Bytes,

    /// <summary>A percentage, or a negative number when absent (printed as nothing).</summary>
    OptPercent,
}
