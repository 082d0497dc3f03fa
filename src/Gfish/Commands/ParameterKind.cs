namespace Gfish.Commands;

/// <summary>How a command argument written as text is converted before the call, as guestfish does.</summary>
internal enum ParameterKind
{
    /// <summary>A string passed as written (plain strings, devices, paths, mountables, GUIDs, …).</summary>
    String,

    /// <summary>A string that may be absent: an empty argument is passed as null, as guestfish does.</summary>
    OptString,

    /// <summary>A list of strings, written as one argument split at white space with quoting.</summary>
    StringList,

    /// <summary>A boolean: <c>1 true t yes y on</c> or <c>0 false f no n off</c>, any case.</summary>
    Bool,

    /// <summary>A 32-bit integer with C prefixes (<c>0x</c>, <c>0</c>) and size suffixes.</summary>
    Int,

    /// <summary>A 64-bit integer with C prefixes (<c>0x</c>, <c>0</c>) and size suffixes.</summary>
    Int64,

    /// <summary>A local file name to upload; <c>-</c> means standard input.</summary>
    FileIn,

    /// <summary>A local file name to download to; <c>-</c> means standard output.</summary>
    FileOut,

    /// <summary>A buffer given as text.</summary>
    BufferIn,

    /// <summary>A key (passphrase); guestfish reads it from the terminal, gfish takes the argument as written.</summary>
    Key,
}
