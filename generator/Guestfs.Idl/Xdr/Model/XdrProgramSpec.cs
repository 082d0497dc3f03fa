using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>An ONC RPC <c>program</c> definition.</summary>
/// <param name="Name">The program's name.</param>
/// <param name="Number">The program number.</param>
/// <param name="Versions">Its versions in source order.</param>
/// <param name="Location">Where the program's name is defined.</param>
public sealed record XdrProgramSpec(string Name, XdrValueSpec Number, EquatableArray<XdrVersionSpec> Versions, IdlLocation Location);
