using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>An XDR structure: name and resolved fields.</summary>
/// <param name="Name">The struct name, e.g. <c>guestfs_int_lvm_pv</c>.</param>
/// <param name="Fields">Fields in order.</param>
/// <param name="Location">Where it is in the <c>.x</c> (or <see cref="IdlLocation.None"/>).</param>
public sealed record WireStructSpec(string Name, EquatableArray<WireFieldSpec> Fields, IdlLocation Location);
