using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>
/// A preprocessor line (<c>#ifdef</c>, <c>#define</c>, <c>#include</c> …). rpcgen runs the C preprocessor first;
/// the parser evaluates conditionals and <c>#define</c>/<c>#undef</c> itself and does not expand includes.
/// </summary>
/// <param name="Text">The whole line, from the <c>#</c>.</param>
/// <param name="IsActive">Whether the line was in an active region (a directive in a skipped region is recorded but not obeyed).</param>
/// <param name="Location">The line.</param>
public sealed record XdrDirectiveSyntax(string Text, bool IsActive, IdlLocation Location);
