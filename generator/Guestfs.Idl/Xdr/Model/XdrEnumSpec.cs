using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>An enum with every member's numeric value computed.</summary>
/// <param name="Name">The enum's name.</param>
/// <param name="Members">The members in source order.</param>
/// <param name="Location">Where the enum's name is defined.</param>
public sealed record XdrEnumSpec(string Name, EquatableArray<XdrEnumMemberSpec> Members, IdlLocation Location);
