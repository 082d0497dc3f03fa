using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>A public struct returned by actions (<c>struct T</c> / <c>struct list T</c>); on the wire
/// <c>guestfs_int_T</c> and <c>guestfs_int_T_list</c>.</summary>
/// <param name="Name">The table name, e.g. <c>lvm_pv</c>.</param>
/// <param name="CSharpName">The C# record name: the <c>as</c> override, else PascalCase of the name.</param>
/// <param name="Fields">Fields in wire order.</param>
/// <param name="Location">Where it is declared.</param>
public sealed record PublicStructSpec(string Name, string CSharpName, EquatableArray<PublicStructFieldSpec> Fields, IdlLocation Location)
{
    /// <summary>The XDR structure name, <c>guestfs_int_&lt;name&gt;</c>.</summary>
    public string XdrName => "guestfs_int_" + Name;

    /// <summary>The XDR list typedef name, <c>guestfs_int_&lt;name&gt;_list</c>.</summary>
    public string XdrListName => "guestfs_int_" + Name + "_list";
}
