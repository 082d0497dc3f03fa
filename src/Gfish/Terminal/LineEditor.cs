using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Guestfs.Backends.Direct;

namespace Gfish.Terminal;

/// <summary>
/// A small line editor on <see cref="Console"/>: left/right, home/end (Ctrl-A/E), backspace/delete, Ctrl-U/K/W,
/// up/down through history (kept in a file between sessions), Ctrl-D on an empty line ends input.
/// </summary>
internal sealed class LineEditor
{
    private const int MaxHistory = 500;
    private readonly List<string> _history = [];
    private readonly string? _historyFile;

    /// <summary>Creates the editor, loading history from the file if it exists.</summary>
    /// <param name="historyFile">The history file, or null for none.</param>
    public LineEditor(string? historyFile)
    {
        _historyFile = historyFile;
        if (historyFile is not null && File.Exists(historyFile))
        {
            try
            {
                _history.AddRange(File.ReadAllLines(historyFile).TakeLast(MaxHistory));
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>The history, oldest first.</summary>
    public IReadOnlyList<string> History => _history;

    /// <summary>Reads one line with editing.</summary>
    /// <param name="prompt">The prompt.</param>
    /// <returns>The line, or null at end of input.</returns>
    public string? ReadLine(string prompt)
    {
        Console.Write(prompt);
        var buffer = new StringBuilder();
        var cursor = 0;
        var historyIndex = _history.Count;
        var shown = 0;

        void Redraw()
        {
            Console.Write('\r' + prompt + buffer + new string(' ', Math.Max(0, shown - buffer.Length)));
            shown = buffer.Length;
            Console.Write('\r' + prompt + buffer.ToString(0, cursor));
        }

        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            var ctrl = (key.Modifiers & ConsoleModifiers.Control) != 0;
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    var line = buffer.ToString();
                    if (line.Trim().Length > 0 && (_history.Count == 0 || _history[^1] != line))
                    {
                        _history.Add(line);
                    }

                    return line;
                case ConsoleKey.Backspace:
                    if (cursor > 0)
                    {
                        buffer.Remove(--cursor, 1);
                    }

                    break;
                case ConsoleKey.Delete:
                    if (cursor < buffer.Length)
                    {
                        buffer.Remove(cursor, 1);
                    }

                    break;
                case ConsoleKey.LeftArrow:
                    cursor = Math.Max(0, cursor - 1);
                    break;
                case ConsoleKey.RightArrow:
                    cursor = Math.Min(buffer.Length, cursor + 1);
                    break;
                case ConsoleKey.Home:
                    cursor = 0;
                    break;
                case ConsoleKey.End:
                    cursor = buffer.Length;
                    break;
                case ConsoleKey.UpArrow:
                case ConsoleKey.DownArrow:
                    historyIndex = Math.Clamp(historyIndex + (key.Key == ConsoleKey.UpArrow ? -1 : 1), 0, _history.Count);
                    buffer.Clear().Append(historyIndex < _history.Count ? _history[historyIndex] : string.Empty);
                    cursor = buffer.Length;
                    break;
                default:
                    if (ctrl && key.Key == ConsoleKey.D && buffer.Length == 0)
                    {
                        Console.WriteLine();
                        return null;
                    }

                    if (ctrl && key.Key == ConsoleKey.A)
                    {
                        cursor = 0;
                    }
                    else if (ctrl && key.Key == ConsoleKey.E)
                    {
                        cursor = buffer.Length;
                    }
                    else if (ctrl && key.Key == ConsoleKey.U)
                    {
                        buffer.Remove(0, cursor);
                        cursor = 0;
                    }
                    else if (ctrl && key.Key == ConsoleKey.K)
                    {
                        buffer.Length = cursor;
                    }
                    else if (ctrl && key.Key == ConsoleKey.W)
                    {
                        var start = cursor;
                        while (start > 0 && buffer[start - 1] == ' ')
                        {
                            start--;
                        }

                        while (start > 0 && buffer[start - 1] != ' ')
                        {
                            start--;
                        }

                        buffer.Remove(start, cursor - start);
                        cursor = start;
                    }
                    else if (!char.IsControl(key.KeyChar))
                    {
                        buffer.Insert(cursor++, key.KeyChar);
                        if (cursor == buffer.Length)
                        {
                            // Typing at the end of the line: echo the character, no redraw.
                            Console.Write(key.KeyChar);
                            shown = buffer.Length;
                            continue;
                        }
                    }

                    break;
            }

            Redraw();
        }
    }

    /// <summary>Writes the history file.</summary>
    public void SaveHistory()
    {
        if (_historyFile is null)
        {
            return;
        }

        try
        {
            // Commands can hold secrets (keys, passwords): the file is the user's alone, even one an older version made.
            using FileStream file = SecureFile.Open(_historyFile, FileMode.Create, FileAccess.Write);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file.SafeFileHandle, SecureFile.OwnerOnly);
            }

            using var writer = new StreamWriter(file);
            foreach (string line in _history.TakeLast(MaxHistory))
            {
                writer.WriteLine(line);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
