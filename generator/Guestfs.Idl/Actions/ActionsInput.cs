using System;
using System.Collections.Generic;
using Sprache;

namespace Guestfs.Idl.Actions;

/// <summary>
/// A Sprache input over a string that, unlike Sprache's own <c>Input</c>, allocates its memo table only when a parser
/// asks for it and can jump ahead: the grammar scans rest-of-line text (summaries, description lines, comments)
/// directly instead of one character at a time, which makes parsing the whole table several times faster.
/// </summary>
internal sealed class ActionsInput : IInput
{
    private IDictionary<object, object>? _memos;

    /// <summary>Starts at the beginning of <paramref name="source"/>.</summary>
    /// <param name="source">The text.</param>
    public ActionsInput(string source)
        : this(source, 0, 1, 1)
    {
    }

    private ActionsInput(string source, int position, int line, int column)
    {
        Source = source;
        Position = position;
        Line = line;
        Column = column;
    }

    /// <inheritdoc />
    public string Source { get; }

    /// <inheritdoc />
    public int Position { get; }

    /// <inheritdoc />
    public int Line { get; }

    /// <inheritdoc />
    public int Column { get; }

    /// <inheritdoc />
    public bool AtEnd => Position >= Source.Length;

    /// <inheritdoc />
    public char Current => Source[Position];

    /// <inheritdoc />
    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    /// <inheritdoc />
    public IInput Advance()
    {
        if (AtEnd)
        {
            throw new InvalidOperationException("The input is already at its end.");
        }

        return Current == '\n'
            ? new ActionsInput(Source, Position + 1, Line + 1, 1)
            : new ActionsInput(Source, Position + 1, Line, Column + 1);
    }

    /// <summary>Moves forward over <paramref name="count"/> characters in one step, keeping line and column right.</summary>
    /// <param name="count">How many characters.</param>
    /// <returns>The input after them.</returns>
    public ActionsInput Skip(int count)
    {
        if (count == 0)
        {
            return this;
        }

        int line = Line;
        int column = Column;
        for (int i = Position; i < Position + count; i++)
        {
            if (Source[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new ActionsInput(Source, Position + count, line, column);
    }

    /// <inheritdoc />
    public bool Equals(IInput? other) => other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (Source.GetHashCode() * 397) ^ Position;

    /// <inheritdoc />
    public override string ToString() => $"Line {Line}, Column {Column}";
}
