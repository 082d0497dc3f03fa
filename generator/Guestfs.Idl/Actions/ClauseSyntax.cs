using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>
/// One clause inside an action block: a keyword followed by either comma-separated words on the same line
/// (<c>flags progress, cancellable</c>), a parenthesised argument list (<c>optargs (...)</c>), or text after a colon
/// (<c>summary: ...</c>, <c>description:</c> with <c>|</c> lines).
/// </summary>
/// <param name="Keyword">The keyword.</param>
/// <param name="Words">The words, for word clauses.</param>
/// <param name="Arguments">The arguments, for <c>optargs</c>; null otherwise.</param>
/// <param name="Text">The text, for colon clauses (description lines joined with <c>\n</c>); null otherwise.</param>
/// <param name="Location">The whole clause.</param>
public sealed record ClauseSyntax(
    NameSyntax Keyword,
    EquatableArray<NameSyntax> Words,
    EquatableArray<ArgumentSyntax>? Arguments,
    string? Text,
    IdlLocation Location);
