using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Guestfs.Idl.Common;
using Sprache;

namespace Guestfs.Idl.Xdr;

/// <summary>
/// Parses rpcgen (<c>.x</c>) text into an <see cref="XdrSyntax"/>. Never throws on bad input: every problem
/// becomes a diagnostic with its exact position, and parsing resumes after the broken definition.
/// </summary>
public static class XdrParser
{
    /// <summary>Parses a <c>.x</c> file with no preprocessor symbols defined.</summary>
    /// <param name="path">The file path, copied into every location.</param>
    /// <param name="text">The file contents.</param>
    /// <param name="cancellationToken">Cancellation (the only exception this method throws).</param>
    /// <returns>The syntax and the syntax diagnostics.</returns>
    public static XdrParseResult Parse(string path, string text, CancellationToken cancellationToken) =>
        Parse(path, text, Array.Empty<string>(), cancellationToken);

    /// <summary>Parses a <c>.x</c> file with the given preprocessor symbols defined (rpcgen defines e.g. <c>RPC_HDR</c> when writing a header).</summary>
    /// <param name="path">The file path, copied into every location.</param>
    /// <param name="text">The file contents.</param>
    /// <param name="definedSymbols">Names that <c>#ifdef</c> sees as defined.</param>
    /// <param name="cancellationToken">Cancellation (the only exception this method throws).</param>
    /// <returns>The syntax and the syntax diagnostics.</returns>
    public static XdrParseResult Parse(string path, string text, IEnumerable<string> definedSymbols, CancellationToken cancellationToken)
    {
        var (clean, directives, diagnostics) = XdrPreprocessor.Run(path, text, definedSymbols, cancellationToken);
        var grammar = new XdrGrammar(path);
        var definitions = new List<XdrDefinitionSyntax>();
        IInput input = new XdrInput(clean);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IInput start = XdrGrammar.SkipTrivia(input, passThroughLines: false);
            if (start.AtEnd)
            {
                break;
            }

            IResult<XdrDefinitionSyntax> result = grammar.Definition(start);
            if (result.WasSuccessful)
            {
                definitions.Add(result.Value);
                input = result.Remainder;
                continue;
            }

            diagnostics.Add(SyntaxError(path, result));
            input = Recover(start, result.Remainder);
        }

        return new XdrParseResult(
            new XdrSyntax(path, definitions.ToEquatableArray(), directives.ToEquatableArray()),
            diagnostics.OrderBy(d => d.Location.Start).ToEquatableArray());
    }

    private static IdlDiagnostic SyntaxError(string path, IResult<XdrDefinitionSyntax> failure)
    {
        IInput at = failure.Remainder;
        var location = new IdlLocation(path, at.Position, at.AtEnd ? 0 : 1, at.Line, at.Column);
        if (!at.AtEnd && !XdrGrammar.IsTokenStart(at.Current))
        {
            return IdlDiagnostic.Create(XdrDiagnosticIds.UnexpectedCharacter, $"Unexpected character '{at.Current}'.", location);
        }

        string[] expected = failure.Expectations.Distinct().ToArray();
        string list = expected.Length switch
        {
            0 => "a definition",
            1 => expected[0],
            _ => string.Join(", ", expected.Take(expected.Length - 1)) + " or " + expected[expected.Length - 1],
        };
        return IdlDiagnostic.Create(
            XdrDiagnosticIds.SyntaxError,
            $"Syntax error: unexpected {XdrGrammar.Describe(at)}; expected {list}.",
            location);
    }

    /// <summary>
    /// Skips the broken definition: from its start, to the first <c>;</c> outside braces that lies beyond the
    /// error (or at least one character past the error, so parsing always advances).
    /// </summary>
    private static IInput Recover(IInput start, IInput failure)
    {
        IInput input = start;
        int depth = 0;
        while (!input.AtEnd)
        {
            IInput next = XdrGrammar.SkipTrivia(input, passThroughLines: true);
            if (next.AtEnd)
            {
                return next;
            }

            char c = next.Current;
            input = next.Advance();
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (c == ';' && depth == 0 && input.Position > failure.Position)
            {
                return input;
            }
        }

        return input;
    }
}
