using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>An argument or optional argument as written: <c>name: Kind</c> or <c>name: Kind(parameter)</c>, optionally
/// followed by a range constraint (<c>size: Int64 &gt;= 0</c>).</summary>
/// <param name="Name">The argument name.</param>
/// <param name="Kind">The kind word.</param>
/// <param name="Parameter">The parenthesised parameter (the C type of a <c>Pointer</c>), if any.</param>
/// <param name="Location">The whole argument.</param>
/// <param name="Range">The range constraint after the kind, if any.</param>
public sealed record ArgumentSyntax(NameSyntax Name, NameSyntax Kind, NameSyntax? Parameter, IdlLocation Location, ArgumentRangeSyntax? Range = null);
