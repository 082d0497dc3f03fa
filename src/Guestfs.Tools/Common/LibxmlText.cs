using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Xml.Linq;

namespace Guestfs.Tools.Common;

/// <summary>
/// XML text exactly as libxml2 writes it for the stock tools: its text writer with two-space indentation
/// (<c>xmlTextWriterSetIndent</c>) and its formatting save (<c>xmlSaveDoc</c> with <c>XML_SAVE_FORMAT</c>).
/// An element whose children are all elements is indented one child per line; an element with any text is
/// written on one line; an empty element is self-closed.
/// </summary>
internal static class LibxmlText
{
    /// <summary>
    /// Text the writer puts out unescaped, as <c>xmlTextWriterWriteBase64</c> does: the base64 of
    /// <paramref name="data"/> in lines of 72 characters separated by CR LF.
    /// </summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The text node.</returns>
    public static XText Base64(byte[] data)
    {
        string base64 = Convert.ToBase64String(data);
        var lines = Enumerable.Range(0, (base64.Length + 71) / 72).Select(i => base64.Substring(72 * i, Math.Min(72, base64.Length - (72 * i))));
        var node = new XText(string.Join("\r\n", lines));
        node.AddAnnotation(RawText.Instance);
        return node;
    }

    /// <summary>A whole document: the <c>&lt;?xml version="1.0"?&gt;</c> declaration, then the root element and a newline.</summary>
    /// <param name="root">The root element.</param>
    /// <returns>The text.</returns>
    public static string Document(XElement root)
    {
        var text = new StringBuilder("<?xml version=\"1.0\"?>\n");
        AppendElement(text, root, 0, save: false);
        return text.Append('\n').ToString();
    }

    /// <summary>One node as <c>xmlSaveDoc</c> writes a document holding just a copy of it, declaration left out.</summary>
    /// <param name="node">An element, attribute or text node.</param>
    /// <returns>The text, ending in a newline.</returns>
    public static string Node(XObject node)
    {
        var text = new StringBuilder();
        switch (node)
        {
            case XElement element:
                AppendElement(text, element, 0, save: true);
                break;
            case XAttribute attribute:
                AppendAttribute(text, attribute);
                break;
            case XText textNode:
                text.Append(EscapeText(textNode.Value, save: true));
                break;
            case XComment comment:
                text.Append("<!--").Append(comment.Value).Append("-->");
                break;
            default:
                text.Append(node);
                break;
        }

        return text.Append('\n').ToString();
    }

    /// <summary>
    /// An XPath number as libxml2 turns it into a string (<c>xmlXPathCastNumberToString</c>): integers plainly,
    /// others with up to 15 significant digits and no trailing zeros, scientific notation outside [1e-5, 1e9].
    /// </summary>
    /// <param name="number">The number.</param>
    /// <returns>The text.</returns>
    public static string Number(double number)
    {
        if (double.IsNaN(number))
        {
            return "NaN";
        }

        if (double.IsInfinity(number))
        {
            return number > 0 ? "Infinity" : "-Infinity";
        }

        if (number == 0)
        {
            return "0";
        }

        if (number > int.MinValue && number < int.MaxValue && number == Math.Truncate(number))
        {
            return ((int)number).ToString(CultureInfo.InvariantCulture);
        }

        double absolute = Math.Abs(number);
        string work;
        if (absolute > 1e9 || absolute < 1e-5)
        {
            work = number.ToString("0.00000000000000e+00", CultureInfo.InvariantCulture);
            int e = work.IndexOf('e', StringComparison.Ordinal);
            string mantissa = work[..e].TrimEnd('0').TrimEnd('.');
            return mantissa + work[e..];
        }

        int integerPlace = (int)Math.Log10(absolute);
        int fractionPlace = integerPlace > 0 ? 15 - integerPlace - 1 : 15 - integerPlace;
        work = number.ToString("F" + fractionPlace.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return work.Contains('.', StringComparison.Ordinal) ? work.TrimEnd('0').TrimEnd('.') : work;
    }

    private static void AppendElement(StringBuilder text, XElement element, int depth, bool save)
    {
        text.Append(' ', 2 * depth).Append('<').Append(element.Name.LocalName);
        foreach (var attribute in element.Attributes())
        {
            AppendAttribute(text, attribute);
        }

        var children = element.Nodes().ToList();
        if (children.Count == 0)
        {
            text.Append("/>");
            return;
        }

        text.Append('>');
        if (children.All(c => c is XElement))
        {
            foreach (XElement child in children.Cast<XElement>())
            {
                text.Append('\n');
                AppendElement(text, child, depth + 1, save);
            }

            text.Append('\n').Append(' ', 2 * depth);
        }
        else
        {
            foreach (var child in children)
            {
                AppendInline(text, child, save);
            }
        }

        text.Append("</").Append(element.Name.LocalName).Append('>');
    }

    private static void AppendAttribute(StringBuilder text, XAttribute attribute) =>
        text.Append(' ').Append(attribute.Name.LocalName).Append("=\"").Append(EscapeAttribute(attribute.Value)).Append('"');

    private static void AppendInline(StringBuilder text, XNode node, bool save)
    {
        switch (node)
        {
            case XElement element:
                text.Append('<').Append(element.Name.LocalName);
                foreach (var attribute in element.Attributes())
                {
                    AppendAttribute(text, attribute);
                }

                if (!element.Nodes().Any())
                {
                    text.Append("/>");
                    return;
                }

                text.Append('>');
                foreach (var child in element.Nodes())
                {
                    AppendInline(text, child, save);
                }

                text.Append("</").Append(element.Name.LocalName).Append('>');
                break;
            case XText textNode when textNode.Annotation<RawText>() is not null:
                text.Append(textNode.Value);
                break;
            case XText textNode:
                text.Append(EscapeText(textNode.Value, save));
                break;
            case XComment comment:
                text.Append("<!--").Append(comment.Value).Append("-->");
                break;
        }
    }

    /// <summary>
    /// Text content. The text writer (<c>xmlEncodeSpecialChars</c>) escapes <c>&lt; &gt; &amp; "</c> and carriage
    /// return and leaves other characters as UTF-8; the save (<c>xmlEscapeEntities</c>, no output encoding) escapes
    /// <c>&lt; &gt; &amp;</c>, control characters but tab and newline, and every non-ASCII character as hex references.
    /// </summary>
    private static string EscapeText(string value, bool save)
    {
        var text = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '<':
                    text.Append("&lt;");
                    break;
                case '>':
                    text.Append("&gt;");
                    break;
                case '&':
                    text.Append("&amp;");
                    break;
                case '"' when !save:
                    text.Append("&quot;");
                    break;
                case '\r' when !save:
                    text.Append("&#13;");
                    break;
                default:
                    if (save && (c >= 0x80 || (c < 0x20 && c is not '\n' and not '\t')))
                    {
                        i = AppendHexReference(text, value, i);
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Attribute values (<c>xmlBufAttrSerializeTxtContent</c> without a document encoding): <c>&lt; &gt; &amp; "</c>,
    /// newline, carriage return and tab as decimal references, non-ASCII characters as hex references.
    /// </summary>
    private static string EscapeAttribute(string value)
    {
        var text = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '<':
                    text.Append("&lt;");
                    break;
                case '>':
                    text.Append("&gt;");
                    break;
                case '&':
                    text.Append("&amp;");
                    break;
                case '"':
                    text.Append("&quot;");
                    break;
                case '\n':
                    text.Append("&#10;");
                    break;
                case '\r':
                    text.Append("&#13;");
                    break;
                case '\t':
                    text.Append("&#9;");
                    break;
                default:
                    if (c >= 0x80)
                    {
                        i = AppendHexReference(text, value, i);
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>Appends <c>&amp;#xHEX;</c> for the code point at <paramref name="i"/>; returns the index of its last char.</summary>
    private static int AppendHexReference(StringBuilder text, string value, int i)
    {
        int codePoint = char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
            ? char.ConvertToUtf32(value[i], value[++i])
            : value[i];
        text.Append("&#x").Append(codePoint.ToString("X", CultureInfo.InvariantCulture)).Append(';');
        return i;
    }

    /// <summary>Marks a text node written as it is.</summary>
    private sealed class RawText
    {
        public static readonly RawText Instance = new();
    }
}
