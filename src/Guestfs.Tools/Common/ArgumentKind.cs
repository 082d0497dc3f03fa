namespace Guestfs.Tools.Common;

/// <summary>Whether a command-line option takes a value (getopt's <c>has_arg</c>).</summary>
internal enum ArgumentKind
{
    /// <summary>No value.</summary>
    None,

    /// <summary>A value is required: <c>-aFILE</c>, <c>-a FILE</c>, <c>--add=FILE</c>, <c>--add FILE</c>.</summary>
    Required,

    /// <summary>A value may follow, only as <c>--format=raw</c> (or <c>-zVALUE</c> for a short option).</summary>
    Optional,
}
