namespace Gfish.Cli;

/// <summary>An <c>-a IMAGE</c> option with the <c>--format</c> in force when it was given.</summary>
/// <param name="Path">The image file.</param>
/// <param name="Format">The format, or null to detect it.</param>
internal sealed record ImageOption(string Path, string? Format);
