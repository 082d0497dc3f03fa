using System.Collections.Generic;
using System.Text;

namespace Guestfs.Generator.Helpers;

/// <summary>Turns documentation text from the IDL into XML doc comment lines.</summary>
internal static class XmlDoc
{
    /// <summary>Escapes the characters XML gives a meaning to.</summary>
    /// <param name="text">Plain text.</param>
    /// <returns>The text, safe inside an XML element.</returns>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>
    /// Formats <paramref name="text"/> (an XML fragment: escape free text with <see cref="Escape"/> first) as doc
    /// comment lines inside <paramref name="tag"/>, each line prefixed with <paramref name="indent"/> and <c>/// </c>.
    /// Blank lines in the text become paragraph breaks.
    /// </summary>
    /// <param name="tag">The XML tag, such as <c>summary</c> or <c>remarks</c>.</param>
    /// <param name="text">The documentation text.</param>
    /// <param name="indent">The indentation of the commented member.</param>
    /// <returns>The comment lines joined by LF, without a final LF.</returns>
    public static string Block(string tag, string text, string indent)
    {
        var lines = new List<string>();
        foreach (string raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            lines.Add(raw.TrimEnd());
        }

        while (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        var sb = new StringBuilder();
        if (lines.Count == 1)
        {
            sb.Append(indent).Append("/// <").Append(tag).Append('>').Append(lines[0]).Append("</").Append(tag).Append('>');
            return sb.ToString();
        }

        sb.Append(indent).Append("/// <").Append(tag).Append(">\n");
        bool inParagraph = false;
        foreach (string line in lines)
        {
            if (line.Length == 0)
            {
                if (inParagraph)
                {
                    sb.Append(indent).Append("/// </para>\n");
                    inParagraph = false;
                }

                continue;
            }

            if (!inParagraph && HasBlankLine(lines))
            {
                sb.Append(indent).Append("/// <para>\n");
                inParagraph = true;
            }

            sb.Append(indent).Append("/// ").Append(line).Append('\n');
        }

        if (inParagraph)
        {
            sb.Append(indent).Append("/// </para>\n");
        }

        sb.Append(indent).Append("/// </").Append(tag).Append('>');
        return sb.ToString();
    }

    /// <summary>A one-line <c>param</c> element.</summary>
    /// <param name="name">The parameter name (without <c>@</c>).</param>
    /// <param name="text">The description (an XML fragment).</param>
    /// <param name="indent">The indentation.</param>
    /// <returns>The comment line.</returns>
    public static string Param(string name, string text, string indent) =>
        indent + "/// <param name=\"" + name.TrimStart('@') + "\">" + text + "</param>";

    private static bool HasBlankLine(List<string> lines)
    {
        foreach (string line in lines)
        {
            if (line.Length == 0)
            {
                return true;
            }
        }

        return false;
    }
}
