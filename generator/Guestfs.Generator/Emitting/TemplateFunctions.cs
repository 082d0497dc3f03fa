using System;
using System.Collections.Generic;
using System.Text;

namespace Guestfs.Generator.Emitting;

/// <summary>
/// Text primitives the templates call where Scriban has no builtin and a template loop would cost too much (word
/// wrapping runs over every word of every action's description). They only cut and join text; all generated code
/// is in the templates.
/// </summary>
internal static class TemplateFunctions
{
    /// <summary>Re-flows text to lines of at most <paramref name="width"/> characters (longer words stay whole).</summary>
    /// <param name="text">The text; spaces, tabs and line breaks separate words.</param>
    /// <param name="width">The longest line.</param>
    /// <returns>The lines, without line breaks.</returns>
    public static IReadOnlyList<string> WrapWords(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (string word in text.Split(new[] { ' ', '\n', '\t' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }
}
