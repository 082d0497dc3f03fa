using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>
/// A <c>%</c> line at the top level: rpcgen copies the rest of the line into its output unchanged.
/// (<c>%</c> lines inside a definition are accepted and ignored.)
/// </summary>
/// <param name="Text">The line after the <c>%</c>, without the line break.</param>
/// <param name="Location">The line, from the <c>%</c>.</param>
public sealed record XdrPassThroughSyntax(string Text, IdlLocation Location) : XdrDefinitionSyntax(Location);
