using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>A <c>const</c> definition with its evaluated value.</summary>
/// <param name="Name">The constant's name.</param>
/// <param name="Value">The value and how it was written.</param>
/// <param name="Location">Where the constant's name is defined.</param>
public sealed record XdrConstantSpec(string Name, XdrValueSpec Value, IdlLocation Location);
