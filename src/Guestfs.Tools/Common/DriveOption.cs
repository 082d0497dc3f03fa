namespace Guestfs.Tools.Common;

/// <summary>An <c>-a IMAGE</c> option with the <c>--format</c> and <c>--blocksize</c> in force when it was given.</summary>
/// <param name="Path">The image file.</param>
/// <param name="Format">The format, or null to detect it.</param>
/// <param name="Blocksize">The sector size, or 0 for the default.</param>
internal sealed record DriveOption(string Path, string? Format, int Blocksize);
