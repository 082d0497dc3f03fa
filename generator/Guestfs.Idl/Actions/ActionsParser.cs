using System;
using System.Linq;
using Guestfs.Idl.Common;
using Sprache;

namespace Guestfs.Idl.Actions;

/// <summary>Entry point for parsing one <c>.actions</c> file into syntax.</summary>
public static class ActionsParser
{
    /// <summary>Parses <paramref name="text"/>. Never throws on bad input: a syntax error becomes a
    /// <see cref="ActionsDiagnosticIds.SyntaxError"/> with file, line and column, and the file comes back empty.</summary>
    /// <param name="path">The path to report in locations.</param>
    /// <param name="text">The file's content.</param>
    /// <returns>The syntax and any diagnostics.</returns>
    public static ActionsParseResult Parse(string path, string text)
    {
        var grammar = new ActionsGrammar(path);
        IResult<ActionsFileSyntax> result = grammar.ParseFile(text);
        if (result.WasSuccessful)
        {
            return new ActionsParseResult(result.Value, EquatableArray<IdlDiagnostic>.Empty);
        }

        IInput at = result.Remainder;
        string found = at.AtEnd ? "end of file" : "'" + Describe(at.Current) + "'";
        string expected = result.Expectations.Any()
            ? string.Join(" or ", result.Expectations.Distinct(StringComparer.Ordinal))
            : "valid input";
        IdlDiagnostic diagnostic = ActionsDiagnostics.SyntaxError(grammar.LocationOf(at), "unexpected " + found, expected);
        return new ActionsParseResult(ActionsFileSyntax.Empty(path), new[] { diagnostic }.ToEquatableArray());
    }

    private static string Describe(char c) => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ => c.ToString(),
    };
}
