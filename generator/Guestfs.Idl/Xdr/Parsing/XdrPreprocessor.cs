using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>
/// The part of the C preprocessor that rpcgen input relies on: <c>#define</c>/<c>#undef</c> of plain names,
/// <c>#ifdef</c>/<c>#ifndef</c>/<c>#if</c>/<c>#elif</c>/<c>#else</c>/<c>#endif</c>. Directive lines, skipped
/// regions and unterminated comments are blanked with spaces (line breaks kept), so every offset, line and
/// column the grammar reports is still that of the original text. <c>#include</c> is not expanded.
/// </summary>
internal sealed class XdrPreprocessor
{
    private readonly string _path;
    private readonly string _text;
    private readonly char[] _output;
    private readonly Dictionary<string, string> _defines = new(StringComparer.Ordinal);
    private readonly List<Frame> _frames = new();
    private readonly List<XdrDirectiveSyntax> _directives = new();
    private readonly List<IdlDiagnostic> _diagnostics = new();

    private XdrPreprocessor(string path, string text, IEnumerable<string> definedSymbols)
    {
        _path = path;
        _text = text;
        _output = text.ToCharArray();
        foreach (string symbol in definedSymbols)
        {
            _defines[symbol] = "1";
        }
    }

    private bool IsActive => _frames.Count == 0 || _frames[_frames.Count - 1].Active;

    /// <summary>Runs the preprocessor.</summary>
    /// <param name="path">The file path, for locations.</param>
    /// <param name="text">The file text.</param>
    /// <param name="definedSymbols">Names defined before the first line (rpcgen defines <c>RPC_HDR</c>, <c>RPC_XDR</c> … per output).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The blanked text, the directives met and the problems found.</returns>
    public static (string Text, List<XdrDirectiveSyntax> Directives, List<IdlDiagnostic> Diagnostics) Run(
        string path, string text, IEnumerable<string> definedSymbols, CancellationToken cancellationToken)
    {
        var preprocessor = new XdrPreprocessor(path, text, definedSymbols);
        preprocessor.Scan(cancellationToken);
        return (new string(preprocessor._output), preprocessor._directives, preprocessor._diagnostics);
    }

    private void Scan(CancellationToken cancellationToken)
    {
        bool inComment = false;
        int commentStart = 0;
        int commentLine = 0;
        int commentColumn = 0;
        int lineNumber = 0;
        int lineStart = 0;
        while (lineStart <= _text.Length)
        {
            if ((lineNumber & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            lineNumber++;
            int lineEnd = _text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = _text.Length;
            }

            int first = lineStart;
            while (first < lineEnd && (_text[first] == ' ' || _text[first] == '\t' || _text[first] == '\r'))
            {
                first++;
            }

            if (!inComment && first < lineEnd && _text[first] == '#')
            {
                inComment = Directive(first, lineEnd, lineNumber, first - lineStart + 1);
                if (inComment)
                {
                    commentStart = first;
                    commentLine = lineNumber;
                    commentColumn = first - lineStart + 1;
                }

                Blank(lineStart, lineEnd);
            }
            else
            {
                bool active = IsActive;
                bool passThrough = !inComment && first < lineEnd && _text[first] == '%';
                for (int i = lineStart; i < lineEnd && !passThrough; i++)
                {
                    char c = _text[i];
                    char next = i + 1 < lineEnd ? _text[i + 1] : '\0';
                    if (inComment)
                    {
                        if (c == '*' && next == '/')
                        {
                            inComment = false;
                            i++;
                        }
                    }
                    else if (c == '/' && next == '*')
                    {
                        inComment = true;
                        commentStart = i;
                        commentLine = lineNumber;
                        commentColumn = i - lineStart + 1;
                        i++;
                    }
                    else if (c == '/' && next == '/')
                    {
                        break;
                    }
                }

                if (!active)
                {
                    Blank(lineStart, lineEnd);
                }
            }

            lineStart = lineEnd + 1;
        }

        if (inComment)
        {
            _diagnostics.Add(IdlDiagnostic.Create(
                XdrDiagnosticIds.UnterminatedComment,
                "Comment is not closed; add '*/'.",
                new IdlLocation(_path, commentStart, 2, commentLine, commentColumn)));
            Blank(commentStart, _text.Length);
        }

        foreach (Frame frame in _frames)
        {
            Error(frame.Location, "'#" + frame.Keyword + "' is not closed; add '#endif'.");
        }
    }

    /// <summary>Handles one directive line; returns whether a block comment is left open at its end.</summary>
    private bool Directive(int start, int end, int lineNumber, int column)
    {
        string raw = _text.Substring(start, end - start).TrimEnd('\r', ' ', '\t');
        var location = new IdlLocation(_path, start, raw.Length, lineNumber, column);
        bool openComment = StripComments(raw, out string line);
        string body = line.Substring(1).Trim();
        int wordEnd = 0;
        while (wordEnd < body.Length && (char.IsLetterOrDigit(body[wordEnd]) || body[wordEnd] == '_'))
        {
            wordEnd++;
        }

        string keyword = body.Substring(0, wordEnd);
        string argument = body.Substring(wordEnd).Trim();
        bool wasActive = IsActive;
        _directives.Add(new XdrDirectiveSyntax(raw, wasActive, location));
        switch (keyword)
        {
            case "ifdef":
            case "ifndef":
            {
                bool defined = _defines.ContainsKey(FirstWord(argument));
                bool value = keyword == "ifdef" ? defined : !defined;
                _frames.Add(new Frame(keyword, location, wasActive, wasActive && value, value));
                break;
            }

            case "if":
            {
                bool value = wasActive && Evaluate(argument, location);
                _frames.Add(new Frame(keyword, location, wasActive, wasActive && value, value));
                break;
            }

            case "elif":
            case "else":
            {
                if (_frames.Count == 0)
                {
                    Error(location, "'#" + keyword + "' without '#if'.");
                    break;
                }

                Frame top = _frames[_frames.Count - 1];
                if (top.SawElse)
                {
                    Error(location, "'#" + keyword + "' after '#else'.");
                    break;
                }

                bool value = !top.Taken && (keyword == "else" || (top.ParentActive && Evaluate(argument, location)));
                _frames[_frames.Count - 1] = top with
                {
                    Active = top.ParentActive && value,
                    Taken = top.Taken || value,
                    SawElse = keyword == "else",
                };
                break;
            }

            case "endif":
                if (_frames.Count == 0)
                {
                    Error(location, "'#endif' without '#if'.");
                }
                else
                {
                    _frames.RemoveAt(_frames.Count - 1);
                }

                break;

            case "define" when wasActive:
            {
                string name = FirstWord(argument);
                if (name.Length > 0)
                {
                    _defines[name] = argument.Substring(name.Length).Trim();
                }

                break;
            }

            case "undef" when wasActive:
                _defines.Remove(FirstWord(argument));
                break;

            case "include" when wasActive:
                _diagnostics.Add(IdlDiagnostic.Create(
                    XdrDiagnosticIds.IncludeNotExpanded,
                    "'#include " + argument + "' is not expanded; definitions from that file are not part of this one.",
                    location));
                break;

            default:
                // #pragma, #ident, line markers (# 12 "file") and the like do not change the definitions.
                break;
        }

        return openComment;
    }

    private static bool StripComments(string raw, out string line)
    {
        var builder = new System.Text.StringBuilder(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '/' && i + 1 < raw.Length && raw[i + 1] == '/')
            {
                break;
            }

            if (raw[i] == '/' && i + 1 < raw.Length && raw[i + 1] == '*')
            {
                int close = raw.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    line = builder.ToString();
                    return true;
                }

                builder.Append(' ');
                i = close + 1;
                continue;
            }

            builder.Append(raw[i]);
        }

        line = builder.ToString();
        return false;
    }

    private static string FirstWord(string text)
    {
        int end = 0;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return text.Substring(0, end);
    }

    private bool Evaluate(string expression, IdlLocation location)
    {
        var evaluator = new ConditionEvaluator(expression, _defines);
        if (evaluator.TryEvaluate(out long value))
        {
            return value != 0;
        }

        Error(location, "Cannot evaluate '#if " + expression + "'; only names, integers, defined(), !, &&, ||, ==, !=, <, >, <=, >= and parentheses are understood.");
        return false;
    }

    private void Error(IdlLocation location, string message) =>
        _diagnostics.Add(IdlDiagnostic.Create(XdrDiagnosticIds.PreprocessorError, message, location));

    private void Blank(int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            if (_output[i] != '\n' && _output[i] != '\r')
            {
                _output[i] = ' ';
            }
        }
    }

    private sealed record Frame(string Keyword, IdlLocation Location, bool ParentActive, bool Active, bool Taken, bool SawElse = false);

    /// <summary>Evaluates a <c>#if</c> expression by recursive descent.</summary>
    private sealed class ConditionEvaluator
    {
        private readonly string _text;
        private readonly Dictionary<string, string> _defines;
        private int _position;
        private int _depth;

        public ConditionEvaluator(string text, Dictionary<string, string> defines)
        {
            _text = text;
            _defines = defines;
        }

        public bool TryEvaluate(out long value)
        {
            try
            {
                value = Or();
                SkipSpaces();
                return _position == _text.Length;
            }
            catch (FormatException)
            {
                value = 0;
                return false;
            }
        }

        private long Or()
        {
            long left = And();
            while (Accept("||"))
            {
                long right = And();
                left = (left != 0 || right != 0) ? 1 : 0;
            }

            return left;
        }

        private long And()
        {
            long left = Comparison();
            while (Accept("&&"))
            {
                long right = Comparison();
                left = (left != 0 && right != 0) ? 1 : 0;
            }

            return left;
        }

        private long Comparison()
        {
            long left = Unary();
            while (true)
            {
                if (Accept("=="))
                {
                    left = left == Unary() ? 1 : 0;
                }
                else if (Accept("!="))
                {
                    left = left != Unary() ? 1 : 0;
                }
                else if (Accept("<="))
                {
                    left = left <= Unary() ? 1 : 0;
                }
                else if (Accept(">="))
                {
                    left = left >= Unary() ? 1 : 0;
                }
                else if (Accept("<"))
                {
                    left = left < Unary() ? 1 : 0;
                }
                else if (Accept(">"))
                {
                    left = left > Unary() ? 1 : 0;
                }
                else
                {
                    return left;
                }
            }
        }

        private long Unary()
        {
            if (Accept("!"))
            {
                return Unary() == 0 ? 1 : 0;
            }

            if (Accept("("))
            {
                long value = Or();
                if (!Accept(")"))
                {
                    throw new FormatException();
                }

                return value;
            }

            SkipSpaces();
            string word = Word();
            if (word.Length == 0)
            {
                throw new FormatException();
            }

            if (char.IsDigit(word[0]))
            {
                return ParseNumber(word);
            }

            if (word == "defined")
            {
                bool parenthesized = Accept("(");
                SkipSpaces();
                string name = Word();
                if (name.Length == 0 || (parenthesized && !Accept(")")))
                {
                    throw new FormatException();
                }

                return _defines.ContainsKey(name) ? 1 : 0;
            }

            if (_defines.TryGetValue(word, out string? definition))
            {
                if (definition.Length == 0)
                {
                    return 0;
                }

                if (++_depth > 32)
                {
                    throw new FormatException();
                }

                var inner = new ConditionEvaluator(definition, _defines) { _depth = _depth };
                return inner.TryEvaluate(out long value) ? value : throw new FormatException();
            }

            return 0;
        }

        private static long ParseNumber(string word)
        {
            string digits = word.TrimEnd('u', 'U', 'l', 'L');
            if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase) &&
                long.TryParse(digits.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long hex))
            {
                return hex;
            }

            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
            {
                return value;
            }

            throw new FormatException();
        }

        private string Word()
        {
            int start = _position;
            while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_'))
            {
                _position++;
            }

            return _text.Substring(start, _position - start);
        }

        private bool Accept(string symbol)
        {
            SkipSpaces();
            if (string.CompareOrdinal(_text, _position, symbol, 0, symbol.Length) == 0)
            {
                _position += symbol.Length;
                return true;
            }

            return false;
        }

        private void SkipSpaces()
        {
            while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
            {
                _position++;
            }
        }
    }
}
