using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>What the protocol says about one procedure.</summary>
/// <param name="Name">Lower-case name without prefix: <c>GUESTFS_PROC_MOUNT_RO</c> → <c>mount_ro</c>.</param>
/// <param name="Number">The enum value.</param>
/// <param name="Args">The fields of <c>guestfs_&lt;name&gt;_args</c>, or null when the structure does not exist.</param>
/// <param name="Ret">The fields of <c>guestfs_&lt;name&gt;_ret</c>, or null when the structure does not exist.</param>
/// <param name="Location">Where the enum member is in the <c>.x</c> (or <see cref="IdlLocation.None"/>).</param>
public sealed record ProcedureFactsSpec(string Name, int Number, EquatableArray<WireFieldSpec>? Args, EquatableArray<WireFieldSpec>? Ret, IdlLocation Location)
{
    /// <summary>The <c>_args</c> structure name.</summary>
    public string ArgsStructName => "guestfs_" + Name + "_args";

    /// <summary>The <c>_ret</c> structure name.</summary>
    public string RetStructName => "guestfs_" + Name + "_ret";
}
