using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>An enum member.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Value">The numeric value: the written value evaluated, or (when omitted) the previous member's plus one, starting at 0.</param>
/// <param name="ValueText">The value as written, or <see langword="null"/> when it was omitted.</param>
/// <param name="Location">Where the member is defined.</param>
public sealed record XdrEnumMemberSpec(string Name, int Value, string? ValueText, IdlLocation Location);
