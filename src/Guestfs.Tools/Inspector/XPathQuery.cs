using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.XPath;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Inspector;

/// <summary>
/// <c>virt-inspector --xpath</c>: evaluates an XPath 1.0 expression over the XML read from standard input and
/// prints the result as the stock tool does: each node of a node-set on its own (libxml2's formatted save), a
/// string with a newline added unless it ends with one, a number or boolean as XPath's string value.
/// </summary>
internal static class XPathQuery
{
    /// <summary>Evaluates <paramref name="query"/> over <paramref name="xml"/>.</summary>
    /// <param name="context">The tool's context (for error messages).</param>
    /// <param name="xml">The document.</param>
    /// <param name="query">The expression.</param>
    /// <returns>The text to print.</returns>
    /// <exception cref="ToolExitException">The document does not parse or the expression does not evaluate.</exception>
    public static string Run(ToolContext context, string xml, string query)
    {
        XDocument document;
        try
        {
            // libxml2's XML_PARSE_NOBLANKS: whitespace-only text between elements is dropped.
            document = XDocument.Parse(xml, LoadOptions.None);
        }
        catch (XmlException)
        {
            throw context.Fail("unable to parse XML from stdin");
        }

        object result;
        try
        {
            result = document.XPathEvaluate(query);
        }
        catch (XPathException)
        {
            throw context.Fail("unable to evaluate XPath expression");
        }

        switch (result)
        {
            case System.Collections.IEnumerable nodes when result is not string:
                var text = new StringBuilder();
                foreach (var node in nodes.Cast<XObject>())
                {
                    text.Append(LibxmlText.Node(node));
                }

                return text.ToString();
            case string s:
                return s.Length > 0 && !s.EndsWith('\n') ? s + "\n" : s;
            case bool b:
                return b ? "true\n" : "false\n";
            case double d:
                return LibxmlText.Number(d) + "\n";
            default:
                return result + "\n";
        }
    }
}
