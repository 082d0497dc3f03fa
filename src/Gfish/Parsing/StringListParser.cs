using System.Collections.Generic;
using System.Text;

namespace Gfish.Parsing;

/// <summary>
/// String lists as guestfish reads them from one argument: words split at spaces and tabs; a single-quoted part
/// keeps its spaces (and may join the text around it); inside single quotes <c>\'</c> and <c>\\</c> stand for
/// the quote and the backslash; double quotes and other backslashes are ordinary characters.
/// </summary>
internal static class StringListParser
{
    /// <summary>Splits the text into a list.</summary>
    /// <param name="text">The argument text.</param>
    /// <returns>The elements.</returns>
    /// <exception cref="ConversionException">A single quote is not closed.</exception>
    public static IReadOnlyList<string> Parse(string text)
    {
        var items = new List<string>();
        var p = 0;
        while (true)
        {
            while (p < text.Length && text[p] is ' ' or '\t')
            {
                p++;
            }

            if (p == text.Length)
            {
                return items;
            }

            var word = new StringBuilder();
            var quoted = false;
            while (p < text.Length && (quoted || text[p] is not (' ' or '\t')))
            {
                var c = text[p];
                if (c == '\'')
                {
                    quoted = !quoted;
                    p++;
                }
                else if (quoted && c == '\\' && p + 1 < text.Length && text[p + 1] is '\'' or '\\')
                {
                    word.Append(text[p + 1]);
                    p += 2;
                }
                else
                {
                    word.Append(c);
                    p++;
                }
            }

            if (quoted)
            {
                throw new ConversionException($"Runaway quote in string \"{text}\"");
            }

            items.Add(word.ToString());
        }
    }
}
