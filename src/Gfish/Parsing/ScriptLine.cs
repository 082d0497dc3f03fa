using System.Collections.Generic;

namespace Gfish.Parsing;

/// <summary>One parsed line of guestfish input.</summary>
/// <param name="Kind">What the line asks for.</param>
/// <param name="IgnoreError">The line started with <c>-</c>: an error in it does not end the script.</param>
/// <param name="Text">For <see cref="ScriptLineKind.Shell"/> and <see cref="ScriptLineKind.Inline"/>, the shell command.</param>
/// <param name="Name">For <see cref="ScriptLineKind.Command"/>, the command name as written.</param>
/// <param name="Arguments">For <see cref="ScriptLineKind.Command"/>, the arguments after quoting and escapes.</param>
/// <param name="Pipe">The local command after <c>|</c>, if any.</param>
internal sealed record ScriptLine(
    ScriptLineKind Kind,
    bool IgnoreError,
    string? Text,
    string? Name,
    IReadOnlyList<string> Arguments,
    string? Pipe)
{
    /// <summary>A line with nothing to do.</summary>
    public static ScriptLine Empty(bool ignoreError) => new(ScriptLineKind.Empty, ignoreError, null, null, [], null);
}
