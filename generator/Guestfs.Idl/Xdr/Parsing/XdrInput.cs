using System;
using System.Collections.Generic;
using Sprache;

namespace Guestfs.Idl.Xdr;

/// <summary>
/// A Sprache <see cref="IInput"/> over one text that can jump ahead in one step and finds line and column from a
/// table of line starts, so that tokens longer than a character and long comments cost no per-character
/// allocations. Lines and columns are 1-based and count characters, like Sprache's own <c>Input</c>.
/// </summary>
internal sealed class XdrInput : IInput
{
    private readonly Shared _shared;
    private IDictionary<object, object>? _memos;

    public XdrInput(string source)
        : this(new Shared(source), 0)
    {
    }

    private XdrInput(Shared shared, int position)
    {
        _shared = shared;
        Position = position;
    }

    public string Source => _shared.Source;

    public char Current => Source[Position];

    public bool AtEnd => Position >= Source.Length;

    public int Position { get; }

    public int Line => _shared.LineOf(Position) + 1;

    public int Column => Position - _shared.LineStart(_shared.LineOf(Position)) + 1;

    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public IInput Advance() => AtEnd ? throw new InvalidOperationException("The input is already at its end.") : new XdrInput(_shared, Position + 1);

    /// <summary>Moves to an absolute position at or after this one.</summary>
    /// <param name="position">The new position (at most the length of the text).</param>
    /// <returns>The input at that position.</returns>
    public XdrInput MoveTo(int position) => position == Position ? this : new XdrInput(_shared, Math.Min(position, Source.Length));

    /// <summary>The cached result of a trivia scan from this position, or -1 when not yet known.</summary>
    /// <param name="passThroughLines">Which of the two scans.</param>
    /// <returns>The first non-trivia position, or -1.</returns>
    public int CachedSkip(bool passThroughLines) => _shared.Skip(passThroughLines)[Position];

    /// <summary>Remembers the result of a trivia scan from this position.</summary>
    /// <param name="passThroughLines">Which of the two scans.</param>
    /// <param name="target">The first non-trivia position.</param>
    public void CacheSkip(bool passThroughLines, int target) => _shared.Skip(passThroughLines)[Position] = target;

    public bool Equals(IInput? other) => other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => Position;

    public override string ToString() => $"Line {Line}, Column {Column}";

    /// <summary>What all positions of one text share.</summary>
    private sealed class Shared
    {
        private readonly List<int> _lineStarts = new() { 0 };
        private int[]? _skipWithPassThrough;
        private int[]? _skipWithoutPassThrough;

        public Shared(string source)
        {
            Source = source;
            for (int i = 0; i < source.Length; i++)
            {
                if (source[i] == '\n')
                {
                    _lineStarts.Add(i + 1);
                }
            }
        }

        public string Source { get; }

        public int LineStart(int line) => _lineStarts[line];

        public int LineOf(int position)
        {
            int index = _lineStarts.BinarySearch(position);
            return index >= 0 ? index : ~index - 1;
        }

        public int[] Skip(bool passThroughLines)
        {
            ref int[]? table = ref passThroughLines ? ref _skipWithPassThrough : ref _skipWithoutPassThrough;
            if (table is null)
            {
                table = new int[Source.Length + 1];
                for (int i = 0; i < table.Length; i++)
                {
                    table[i] = -1;
                }
            }

            return table;
        }
    }
}
