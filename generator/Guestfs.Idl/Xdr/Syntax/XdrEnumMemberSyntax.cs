using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>One member of an <see cref="XdrEnumSyntax"/>: <c>NAME</c> or <c>NAME = value</c>.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Value">The value as written, or <see langword="null"/> when omitted (rpcgen then numbers it like C).</param>
/// <param name="Location">Where the member's name is.</param>
public sealed record XdrEnumMemberSyntax(string Name, XdrValueSyntax? Value, IdlLocation Location);
