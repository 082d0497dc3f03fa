using System;
using System.Collections.Generic;
using System.Linq;
using Guestfs.Idl.Common;
using Sprache;

namespace Guestfs.Idl.Actions;

/// <summary>Entry point for parsing one <c>.actions</c> file into syntax.</summary>
public static class ActionsParser
{
    /// <summary>
    /// Parses <paramref name="text"/>. Never throws on bad input: a syntax error becomes a
    /// <see cref="ActionsDiagnosticIds.SyntaxError"/> with file, line and column, the broken item is left out, and
    /// parsing resumes at the next line that starts with <c>group</c>, <c>action</c>, <c>struct</c> or
    /// <c>unused-procedure</c>, so one mistake does not hide the rest of the file.
    /// </summary>
    /// <param name="path">The path to report in locations.</param>
    /// <param name="text">The file's content.</param>
    /// <returns>The syntax and any diagnostics.</returns>
    public static ActionsParseResult Parse(string path, string text)
    {
        var grammar = new ActionsGrammar(path);
        var items = new List<object>();
        var diagnostics = new List<IdlDiagnostic>();
        IInput input = ActionsGrammar.SkipTrivia(new ActionsInput(text));
        while (!input.AtEnd)
        {
            IResult<object> result = grammar.ParseItem(input);
            if (result.WasSuccessful)
            {
                items.Add(result.Value);
                input = result.Remainder;
                continue;
            }

            diagnostics.Add(SyntaxError(grammar, result));
            input = ActionsGrammar.SkipTrivia(Recover(result.Remainder.Position > input.Position ? result.Remainder : input.Advance()));
        }

        return new ActionsParseResult(grammar.Build(items), diagnostics.ToEquatableArray());
    }

    private static IdlDiagnostic SyntaxError(ActionsGrammar grammar, IResult<object> failure)
    {
        IInput at = failure.Remainder;
        string found = at.AtEnd ? "end of file" : "'" + Describe(at.Current) + "'";
        string expected = failure.Expectations.Any()
            ? string.Join(" or ", failure.Expectations.Distinct(StringComparer.Ordinal))
            : "valid input";
        return ActionsDiagnostics.SyntaxError(grammar.LocationOf(at), "unexpected " + found, expected);
    }

    /// <summary>Advances to the start of the next line that begins with a top-level keyword, or to the end.</summary>
    private static IInput Recover(IInput input)
    {
        while (!input.AtEnd)
        {
            if (input.Column == 1 && StartsTopLevelItem(input))
            {
                return input;
            }

            input = input.Advance();
        }

        return input;
    }

    private static bool StartsTopLevelItem(IInput input) =>
        ActionsGrammar.TopLevelKeywords.Any(k => string.CompareOrdinal(input.Source, input.Position, k, 0, k.Length) == 0);

    private static string Describe(char c) => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ => c.ToString(),
    };
}
