using System;
using System.Collections.Generic;
using System.Text;

namespace Gfish.Parsing;

/// <summary>
/// Splits one line of guestfish input the way guestfish 1.48.6 does: leading <c>-</c>, <c>#</c> comments,
/// <c>!</c> and <c>&lt;!</c> shell lines, an unquoted command name, then arguments that are bare words
/// (with <c>~</c> expansion), <c>"double quoted"</c> with C-like escapes, <c>'single quoted'</c> verbatim,
/// and a <c>|</c> word that sends the rest of the line to a local command.
/// </summary>
internal static class LineParser
{
    /// <summary>guestfish keeps at most this many arguments (its argv array holds 64 entries including the terminator).</summary>
    public const int MaxArguments = 63;

    /// <summary>Parses one line (without its newline).</summary>
    /// <param name="line">The input line.</param>
    /// <param name="homeDirectory">Looks up a home directory for <c>~</c> (empty name) or <c>~user</c>; null when unknown.</param>
    /// <returns>The parsed line.</returns>
    /// <exception cref="ScriptSyntaxException">The line breaks a quoting rule.</exception>
    public static ScriptLine Parse(string line, Func<string, string?>? homeDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        homeDirectory ??= HomeDirectories.Lookup;
        var p = 0;
        var ignoreError = false;
        while (true)
        {
            while (p < line.Length && IsSpace(line[p]))
            {
                p++;
            }

            if (p == line.Length || line[p] == '#')
            {
                return ScriptLine.Empty(ignoreError);
            }

            if (line[p] == '!')
            {
                return new ScriptLine(ScriptLineKind.Shell, ignoreError, line[(p + 1)..], null, [], null);
            }

            if (line[p] == '<' && p + 1 < line.Length && line[p + 1] == '!')
            {
                return new ScriptLine(ScriptLineKind.Inline, ignoreError, line[(p + 2)..], null, [], null);
            }

            if (line[p] == '-')
            {
                ignoreError = true;
                p++;
                continue;
            }

            break;
        }

        // The command name is everything up to a space or tab; it cannot be quoted.
        var nameEnd = IndexOfBlank(line, p);
        var name = line[p..nameEnd];
        var args = new List<string>();
        string? pipe = null;
        p = SkipBlanks(line, nameEnd);
        while (p < line.Length && args.Count < MaxArguments + 1)
        {
            var c = line[p];
            if (c == '"')
            {
                var (value, close) = ParseDoubleQuoted(line, p + 1, ignoreError);
                CheckSeparated(line, close + 1, ignoreError);
                args.Add(value);
                p = SkipBlanks(line, close + 1);
            }
            else if (c == '\'')
            {
                var close = line.IndexOf('\'', p + 1);
                if (close < 0)
                {
                    throw new ScriptSyntaxException("unterminated single quote", ignoreError);
                }

                CheckSeparated(line, close + 1, ignoreError);
                args.Add(line[(p + 1)..close]);
                p = SkipBlanks(line, close + 1);
            }
            else if (c == '|')
            {
                pipe = line[(p + 1)..];
                break;
            }
            else
            {
                var end = IndexOfBlank(line, p);
                var word = line[p..end];
                args.Add(word.StartsWith('~') ? ExpandTilde(word, homeDirectory) : word);
                p = SkipBlanks(line, end);
            }
        }

        if (args.Count > MaxArguments)
        {
            throw new ScriptSyntaxException("too many arguments", ignoreError);
        }

        return new ScriptLine(ScriptLineKind.Command, ignoreError, null, name, args, pipe);
    }

    /// <summary>Parses a double-quoted string starting after its opening quote.</summary>
    /// <returns>The unescaped value and the index of the closing quote.</returns>
    private static (string Value, int Close) ParseDoubleQuoted(string line, int start, bool ignoreError)
    {
        // guestfish unescapes in place, so the offset it reports counts bytes already unescaped.
        var bytes = new List<byte>();
        Span<byte> utf8 = stackalloc byte[4];
        var p = start;
        while (p < line.Length && line[p] != '"')
        {
            if (line[p] != '\\')
            {
                var rune = Rune.GetRuneAt(line, p);
                var n = rune.EncodeToUtf8(utf8);
                for (var i = 0; i < n; i++)
                {
                    bytes.Add(utf8[i]);
                }

                p += rune.Utf16SequenceLength;
                continue;
            }

            var next = p + 1 < line.Length ? line[p + 1] : '\0';
            int value;
            var consumed = 2;
            switch (next)
            {
                case '\\': value = '\\'; break;
                case 'a': value = 7; break;
                case 'b': value = 8; break;
                case 'f': value = 12; break;
                case 'n': value = 10; break;
                case 'r': value = 13; break;
                case 't': value = 9; break;
                case 'v': value = 11; break;
                case '"': value = '"'; break;
                case '\'': value = '\''; break;
                case '?': value = '?'; break;
                case >= '0' and <= '7':
                    value = IsOctal(line, p + 2) && IsOctal(line, p + 3)
                        ? ((next - '0') * 64) + ((line[p + 2] - '0') * 8) + (line[p + 3] - '0')
                        : -1;
                    consumed = 4;
                    break;
                case 'x':
                    value = IsHex(line, p + 2) && IsHex(line, p + 3)
                        ? (Convert.ToInt32(line.Substring(p + 2, 2), 16))
                        : -1;
                    consumed = 4;
                    break;
                default:
                    value = -1;
                    break;
            }

            if (value is < 1 or > 255)
            {
                throw new ScriptSyntaxException(
                    $"invalid escape sequence in string (starting at offset {bytes.Count})", ignoreError);
            }

            bytes.Add((byte)value);
            p += consumed;
        }

        if (p >= line.Length)
        {
            throw new ScriptSyntaxException("unterminated double quote", ignoreError);
        }

        return (Encoding.UTF8.GetString(bytes.ToArray()), p);
    }

    private static void CheckSeparated(string line, int after, bool ignoreError)
    {
        if (after < line.Length && !IsBlank(line[after]))
        {
            throw new ScriptSyntaxException("command arguments not separated by whitespace", ignoreError);
        }
    }

    private static string ExpandTilde(string word, Func<string, string?> homeDirectory)
    {
        var slash = word.IndexOf('/');
        var user = slash < 0 ? word[1..] : word[1..slash];
        var home = homeDirectory(user);
        if (home is null)
        {
            return word;
        }

        return slash < 0 ? home : home + word[slash..];
    }

    private static bool IsOctal(string s, int i) => i < s.Length && s[i] is >= '0' and <= '7';

    private static bool IsHex(string s, int i) => i < s.Length && char.IsAsciiHexDigit(s[i]);

    private static bool IsBlank(char c) => c is ' ' or '\t';

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    private static int IndexOfBlank(string s, int from)
    {
        var i = from;
        while (i < s.Length && !IsBlank(s[i]))
        {
            i++;
        }

        return i;
    }

    private static int SkipBlanks(string s, int from)
    {
        var i = from;
        while (i < s.Length && IsBlank(s[i]))
        {
            i++;
        }

        return i;
    }
}
