namespace Guestfs.Tools.Common;

/// <summary>One option found on the command line.</summary>
/// <param name="Key">The short option character (<c>"a"</c>), or the full long name of a long-only option.</param>
/// <param name="Value">Its value, or null when none was given.</param>
internal readonly record struct ParsedOption(string Key, string? Value);
