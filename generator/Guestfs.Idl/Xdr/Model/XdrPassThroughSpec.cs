using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>A top-level <c>%</c> line, kept so the printer can write it back.</summary>
/// <param name="Text">The text after the <c>%</c>.</param>
/// <param name="Location">Where the line is.</param>
public sealed record XdrPassThroughSpec(string Text, IdlLocation Location);
