namespace Gfish.Parsing;

/// <summary>What one line of guestfish input asks for.</summary>
internal enum ScriptLineKind
{
    /// <summary>Nothing: a blank line or a <c>#</c> comment.</summary>
    Empty,

    /// <summary><c>!cmd</c>: run the rest of the line with the local shell.</summary>
    Shell,

    /// <summary><c>&lt;!cmd</c>: run the rest of the line with the local shell and read its output as commands.</summary>
    Inline,

    /// <summary>A command with its arguments and an optional <c>| pipe</c>.</summary>
    Command,
}
