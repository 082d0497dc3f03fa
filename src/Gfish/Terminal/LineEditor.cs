using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends.Direct;

namespace Gfish.Terminal;

/// <summary>
/// A small line editor on <see cref="Console"/>: left/right, home/end (Ctrl-A/E), backspace/delete, Ctrl-U/K/W,
/// up/down through history (kept in a file between sessions), Ctrl-D on an empty line ends input, and tab
/// completion as readline does it: one candidate replaces the word (followed by its append character), several
/// complete to their longest common prefix, and a second tab lists them below the line.
/// </summary>
internal sealed class LineEditor
{
    private const int MaxHistory = 500;
    private readonly List<string> _history = [];
    private readonly string? _historyFile;
    private readonly ICompleter? _completer;

    /// <summary>Creates the editor, loading history from the file if it exists.</summary>
    /// <param name="historyFile">The history file, or null for none.</param>
    /// <param name="completer">Supplies tab completions, or null for none.</param>
    public LineEditor(string? historyFile, ICompleter? completer = null)
    {
        _historyFile = historyFile;
        _completer = completer;
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
    /// <param name="cancellationToken">Cancels the completion look-ups.</param>
    /// <returns>The line, or null at end of input.</returns>
    public async Task<string?> ReadLineAsync(string prompt, CancellationToken cancellationToken)
    {
        Console.Write(prompt);
        var buffer = new StringBuilder();
        var cursor = 0;
        var historyIndex = _history.Count;
        var shown = 0;
        var tabs = 0;

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
            tabs = key.Key == ConsoleKey.Tab ? tabs + 1 : 0;
            switch (key.Key)
            {
                case ConsoleKey.Tab when _completer is not null:
                    cursor = await CompleteAsync(buffer, cursor, prompt, tabs > 1, cancellationToken).ConfigureAwait(false);
                    break;
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

    /// <summary>readline's word delimiters: completion works on the text after the last of them before the cursor.</summary>
    private const string WordBreaks = " \t\n\"\\'`@$><=;|&{(";

    /// <summary>readline's <c>completion-query-items</c>: from this many candidates, ask before listing.</summary>
    private const int QueryItems = 100;

    /// <summary>Completes the word before the cursor; on a repeated tab with several candidates, lists them.</summary>
    /// <returns>The new cursor position.</returns>
    private async Task<int> CompleteAsync(StringBuilder buffer, int cursor, string prompt, bool list, CancellationToken cancellationToken)
    {
        var start = cursor;
        while (start > 0 && !WordBreaks.Contains(buffer[start - 1], StringComparison.Ordinal))
        {
            start--;
        }

        var word = buffer.ToString(start, cursor - start);
        var candidates = await _completer!.CompleteAsync(word, start == 0, cancellationToken).ConfigureAwait(false);
        if (candidates.Count == 0)
        {
            Console.Write('\a');
            return cursor;
        }

        string replacement;
        var distinct = candidates.DistinctBy(c => c.Text).OrderBy(c => c.Text, StringComparer.Ordinal).ToList();
        if (distinct.Count == 1)
        {
            replacement = distinct[0].Text + distinct[0].Append;
        }
        else if (list)
        {
            replacement = word;
            ShowList(distinct.Select(c => c.Text).ToList());
            Console.Write(prompt + buffer.ToString(0, cursor));
        }
        else
        {
            // Ambiguous: complete what the candidates share and ring the bell.
            replacement = CommonPrefix(distinct);
            Console.Write('\a');
        }

        if (replacement.Length < word.Length)
        {
            replacement = word;
        }

        buffer.Remove(start, cursor - start).Insert(start, replacement);
        return start + replacement.Length;
    }

    /// <summary>The longest prefix the candidates share, letters compared in any case (completion-ignore-case).</summary>
    private static string CommonPrefix(IReadOnlyList<Completion> candidates)
    {
        var prefix = candidates[0].Text;
        foreach (var candidate in candidates.Skip(1))
        {
            var n = 0;
            while (n < prefix.Length && n < candidate.Text.Length && char.ToLowerInvariant(prefix[n]) == char.ToLowerInvariant(candidate.Text[n]))
            {
                n++;
            }

            prefix = prefix[..n];
        }

        return prefix;
    }

    /// <summary>
    /// Lists the candidates below the line as readline does: asked first when there are 100 or more, then in columns
    /// two wider than the longest, sorted down then across, on a line one narrower than the terminal.
    /// </summary>
    private static void ShowList(IReadOnlyList<string> items)
    {
        Console.Write('\n');
        if (items.Count >= QueryItems)
        {
            Console.Write($"Display all {items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} possibilities? (y or n)");
            while (true)
            {
                var answer = Console.ReadKey(intercept: true).KeyChar;
                if (answer is 'n' or 'N' or '\u007f')
                {
                    Console.Write('\n');
                    return;
                }

                if (answer is 'y' or 'Y' or ' ')
                {
                    Console.Write('\n');
                    break;
                }
            }
        }

        Console.Write(Columns(items, (Console.IsOutputRedirected || Console.WindowWidth <= 0 ? 80 : Console.WindowWidth) - 1));
    }

    /// <summary>The candidates in columns, sorted down then across (readline's <c>rl_display_match_list</c>).</summary>
    private static string Columns(IReadOnlyList<string> items, int width)
    {
        var columnWidth = items.Max(i => i.Length) + 2;
        var columns = Math.Max(1, width / columnWidth);
        var rows = (items.Count + columns - 1) / columns;
        var text = new StringBuilder();
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns && (column * rows) + row < items.Count; column++)
            {
                var item = items[(column * rows) + row];
                text.Append(column + 1 < columns ? item.PadRight(columnWidth) : item);
            }

            text.Append('\n');
        }

        return text.ToString();
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
