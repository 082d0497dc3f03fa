namespace Guestfs.Commands;

/// <summary>One argument of a command.</summary>
/// <param name="Name">The argument name.</param>
/// <param name="Kind">What it means.</param>
/// <param name="IsOptional">Whether it is an optional argument (given as <c>name:value</c>).</param>
public sealed record CommandArgument(string Name, CommandArgumentKind Kind, bool IsOptional);
