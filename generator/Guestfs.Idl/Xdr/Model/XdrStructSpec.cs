using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>A structure: its fields are encoded one after the other in this order.</summary>
/// <param name="Name">The structure's name, case kept (<c>guestfs_mke2fs_J_args</c>).</param>
/// <param name="Fields">The fields in wire order.</param>
/// <param name="Location">Where the structure's name is defined.</param>
public sealed record XdrStructSpec(string Name, EquatableArray<XdrFieldSpec> Fields, IdlLocation Location);
