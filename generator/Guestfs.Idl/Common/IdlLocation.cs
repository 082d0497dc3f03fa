namespace Guestfs.Idl.Common;

/// <summary>
/// Where something is in an IDL file: path, character span and 1-based line/column. Kept as plain values so
/// models stay equatable; the generator turns it into a Roslyn <c>Location</c> only when reporting.
/// </summary>
/// <param name="Path">The file path as given to the parser.</param>
/// <param name="Start">0-based character offset of the first character.</param>
/// <param name="Length">Number of characters covered.</param>
/// <param name="Line">1-based line of the first character.</param>
/// <param name="Column">1-based column of the first character.</param>
public sealed record IdlLocation(string Path, int Start, int Length, int Line, int Column)
{
    /// <summary>A location for when none is known.</summary>
    public static IdlLocation None { get; } = new(string.Empty, 0, 0, 0, 0);

    /// <inheritdoc />
    public override string ToString() => $"{Path}({Line},{Column})";
}
