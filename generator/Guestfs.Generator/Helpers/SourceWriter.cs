using System.Text;

namespace Guestfs.Generator.Helpers;

/// <summary>An indent-aware text builder for the regular parts of the output (LF line endings, four spaces).</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    /// <summary>Creates a writer starting at the given indentation level.</summary>
    /// <param name="indent">Initial level.</param>
    public SourceWriter(int indent = 0)
    {
        _indent = indent;
    }

    /// <summary>Writes one line at the current indentation (an empty line stays empty).</summary>
    /// <param name="line">The text.</param>
    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            _sb.Append(' ', _indent * 4).Append(line);
        }

        _sb.Append('\n');
    }

    /// <summary>Writes <c>{</c> and indents.</summary>
    public void Open()
    {
        Line("{");
        _indent++;
    }

    /// <summary>Unindents and writes <c>}</c> plus an optional suffix.</summary>
    /// <param name="suffix">Text after the brace.</param>
    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    /// <summary>The text written, without the final line break.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _sb.ToString().TrimEnd('\n');
}
