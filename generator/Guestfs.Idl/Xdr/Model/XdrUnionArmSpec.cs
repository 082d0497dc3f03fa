using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>One union arm: the discriminant values that select it and what follows.</summary>
/// <param name="Labels">The case values (several when cases fall through); empty for the default arm.</param>
/// <param name="Field">The arm's field, or <see langword="null"/> for <c>void</c> (nothing follows the discriminant).</param>
/// <param name="Location">Where the arm starts.</param>
public sealed record XdrUnionArmSpec(EquatableArray<XdrValueSpec> Labels, XdrFieldSpec? Field, IdlLocation Location);
