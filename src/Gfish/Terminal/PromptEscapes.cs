using System.Collections.Generic;
using System.Text;

namespace Gfish.Terminal;

/// <summary>
/// guestfish's escapes in <c>GUESTFISH_PS1</c> and <c>GUESTFISH_INIT</c>: <c>\\</c>, <c>\a</c>, <c>\e</c>, <c>\n</c>,
/// <c>\r</c>, <c>\NNN</c> (up to three octal digits), <c>\xHH</c> (up to two hex digits, <c>?</c> without any), and
/// <c>\[</c> <c>\]</c> around non-printing text (readline's markers, kept as U+0001/U+0002 for the line editor);
/// any other escaped character becomes <c>?</c>. The bytes are read as UTF-8, and a NUL byte ends the text as in C.
/// </summary>
internal static class PromptEscapes
{
    /// <summary>Marks the start of text that takes no room on the screen.</summary>
    public const char StartIgnore = '\u0001';

    /// <summary>Marks the end of text that takes no room on the screen.</summary>
    public const char EndIgnore = '\u0002';

    /// <summary>Decodes the escapes.</summary>
    /// <param name="text">The variable's value.</param>
    /// <returns>The text to print.</returns>
    public static string Decode(string text)
    {
        var source = Encoding.UTF8.GetBytes(text);
        var bytes = new List<byte>(source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] != '\\')
            {
                bytes.Add(source[i]);
                continue;
            }

            if (i < source.Length - 1)
            {
                i++;
            }

            switch ((char)source[i])
            {
                case '\\': bytes.Add((byte)'\\'); break;
                case '[': bytes.Add((byte)StartIgnore); break;
                case ']': bytes.Add((byte)EndIgnore); break;
                case 'a': bytes.Add(0x07); break;
                case 'e': bytes.Add(0x1b); break;
                case 'n': bytes.Add((byte)'\n'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case >= '0' and <= '7':
                    bytes.Add(Digits(source, ref i, 3, 8));
                    i--;
                    break;
                case 'x':
                    i++;
                    var start = i;
                    var value = Digits(source, ref i, 2, 16);
                    bytes.Add(i == start ? (byte)'?' : value);
                    i--;
                    break;
                default: bytes.Add((byte)'?'); break;
            }
        }

        var end = bytes.IndexOf(0);
        return Encoding.UTF8.GetString(bytes.ToArray(), 0, end < 0 ? bytes.Count : end);
    }

    /// <summary>The prompt as the line editor shows it: the non-printing markers removed.</summary>
    /// <param name="decoded">Decoded prompt text.</param>
    /// <returns>The text to write.</returns>
    public static string Printable(string decoded) =>
        decoded.Replace(StartIgnore.ToString(), string.Empty, System.StringComparison.Ordinal)
            .Replace(EndIgnore.ToString(), string.Empty, System.StringComparison.Ordinal);

    private static byte Digits(byte[] s, ref int i, int limit, int radix)
    {
        var value = 0;
        while (limit > 0 && i < s.Length && DigitValue(s[i]) is var d && d >= 0 && d < radix)
        {
            value = (value * radix) + d;
            i++;
            limit--;
        }

        return (byte)value;
    }

    private static int DigitValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
