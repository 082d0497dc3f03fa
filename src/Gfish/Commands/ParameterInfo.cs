namespace Gfish.Commands;

/// <summary>One argument of a command.</summary>
/// <param name="Name">The libguestfs argument name (e.g. <c>mountpoint</c>).</param>
/// <param name="Kind">How the text is converted.</param>
internal sealed record ParameterInfo(string Name, ParameterKind Kind);
