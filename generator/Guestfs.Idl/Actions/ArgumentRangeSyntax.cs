using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>A range constraint as written after an integer argument's kind: <c>&gt;= N</c>, <c>&lt;= N</c> or <c>N..M</c>.</summary>
/// <param name="Minimum">The lower bound as written (digits with an optional <c>-</c>), if any.</param>
/// <param name="Maximum">The upper bound as written, if any.</param>
/// <param name="Location">The whole constraint.</param>
public sealed record ArgumentRangeSyntax(NameSyntax? Minimum, NameSyntax? Maximum, IdlLocation Location);
