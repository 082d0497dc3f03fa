using System.Text;

namespace Guestfs.Backends.Direct;

/// <summary>Keeps the last few kilobytes of the appliance console for error messages. Thread-safe.</summary>
internal sealed class ConsoleTail
{
    private readonly int _capacity;
    private readonly StringBuilder _text = new();

    /// <summary>Creates the buffer.</summary>
    /// <param name="capacity">How many characters to keep.</param>
    public ConsoleTail(int capacity = 4096)
    {
        _capacity = capacity;
    }

    /// <summary>Appends console text, dropping the oldest text beyond the capacity.</summary>
    /// <param name="text">The text.</param>
    public void Append(string text)
    {
        lock (_text)
        {
            _text.Append(text);
            if (_text.Length > _capacity * 2)
            {
                _text.Remove(0, _text.Length - _capacity);
            }
        }
    }

    /// <summary>The kept text, starting at a line boundary, with terminal control characters removed.</summary>
    /// <param name="maxLines">How many lines to return at most.</param>
    /// <returns>The tail.</returns>
    public string GetTail(int maxLines = 25)
    {
        string text;
        lock (_text)
        {
            text = _text.ToString();
        }

        var clean = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c == '\n' || c == '\t' || (c >= ' ' && c != '\u007f'))
            {
                clean.Append(c);
            }
        }

        string[] lines = clean.ToString().Replace("\r", string.Empty).Split('\n');
        int start = System.Math.Max(0, lines.Length - maxLines);
        if (start > 0 && start < lines.Length)
        {
            // The first kept line may be cut; the caller sees whole lines after it.
            start = System.Math.Max(start, 1);
        }

        return string.Join('\n', lines, start, lines.Length - start);
    }
}
