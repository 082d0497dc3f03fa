using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>A <c>version</c> of a program.</summary>
/// <param name="Name">The version's name.</param>
/// <param name="Number">The version number.</param>
/// <param name="Procedures">Its procedures in source order.</param>
/// <param name="Location">Where the version's name is defined.</param>
public sealed record XdrVersionSpec(string Name, XdrValueSpec Number, EquatableArray<XdrProcedureSpec> Procedures, IdlLocation Location);
