using System;
using System.Linq;
using Guestfs.Idl.Common;
using Guestfs.Idl.Xdr;

namespace Guestfs.Idl.Actions;

/// <summary>Extracts the <see cref="ProtocolFactsSpec"/> the actions validator needs from the bound <c>.x</c> model.</summary>
public static class ProtocolFacts
{
    /// <summary>The enum of the <c>.x</c> that lists the procedures.</summary>
    public const string ProcedureEnumName = "guestfs_procedure";

    /// <summary>The prefix of its members.</summary>
    public const string ProcedurePrefix = "GUESTFS_PROC_";

    /// <summary>
    /// Reads the procedure enum (<c>GUESTFS_PROC_MOUNT_RO = 73</c> → <c>mount_ro</c>, 73), each procedure's
    /// <c>guestfs_&lt;name&gt;_args</c>/<c>_ret</c> fields, and every structure, with typedefs already expanded.
    /// A missing procedure enum gives no procedures (and then every daemon action is reported as unknown).
    /// The enum spells names in upper case, so the procedure's name is taken from its <c>_args</c> or <c>_ret</c>
    /// structure when there is one (<c>GUESTFS_PROC_MKE2FS_J</c> → <c>guestfs_mke2fs_J_args</c> → <c>mke2fs_J</c>).
    /// </summary>
    /// <param name="xdr">The bound protocol.</param>
    /// <returns>The facts.</returns>
    public static ProtocolFactsSpec FromXdr(XdrSpec xdr)
    {
        XdrEnumSpec? procedures = xdr.FindEnum(ProcedureEnumName);
        var facts = (procedures?.Members ?? EquatableArray<XdrEnumMemberSpec>.Empty)
            .Where(m => m.Name.StartsWith(ProcedurePrefix, StringComparison.Ordinal))
            .Select(m =>
            {
                string upper = m.Name.Substring(ProcedurePrefix.Length);
                XdrStructSpec? args = FindStruct(xdr, "guestfs_" + upper + "_args");
                XdrStructSpec? ret = FindStruct(xdr, "guestfs_" + upper + "_ret");
                string name = NameOf(args, "_args") ?? NameOf(ret, "_ret") ?? upper.ToLowerInvariant();
                return new ProcedureFactsSpec(name, m.Value, Fields(args), Fields(ret), m.Location);
            })
            .ToEquatableArray();

        var structs = xdr.Structs
            .Select(s => new WireStructSpec(s.Name, Fields(s)!.Value, s.Location))
            .ToEquatableArray();

        return new ProtocolFactsSpec(facts, structs);
    }

    /// <summary>Maps a resolved XDR type to the validator's <see cref="WireTypeSpec"/> (bounds and typedef names dropped).</summary>
    /// <param name="type">The XDR type.</param>
    /// <returns>The wire type.</returns>
    public static WireTypeSpec ToWireType(XdrTypeSpec type) => type.Kind switch
    {
        XdrTypeKind.Int => WireTypeSpec.Int,
        XdrTypeKind.UnsignedInt => new WireTypeSpec(WireTypeKind.UInt),
        XdrTypeKind.Hyper => WireTypeSpec.Hyper,
        XdrTypeKind.UnsignedHyper => new WireTypeSpec(WireTypeKind.UHyper),
        XdrTypeKind.Bool => WireTypeSpec.Bool,
        XdrTypeKind.Float => new WireTypeSpec(WireTypeKind.Float),
        XdrTypeKind.Double => new WireTypeSpec(WireTypeKind.Double),
        XdrTypeKind.Char => new WireTypeSpec(WireTypeKind.Char),
        XdrTypeKind.String => WireTypeSpec.String,
        XdrTypeKind.VariableOpaque => WireTypeSpec.Opaque,
        XdrTypeKind.FixedOpaque => new WireTypeSpec(WireTypeKind.FixedOpaque, FixedLength: (int?)type.Size?.Value),
        XdrTypeKind.Struct => WireTypeSpec.StructOf(type.Name!),
        XdrTypeKind.Enum => new WireTypeSpec(WireTypeKind.Enum, type.Name),
        XdrTypeKind.VariableArray => WireTypeSpec.ArrayOf(ToWireType(type.Element!)),
        XdrTypeKind.FixedArray => new WireTypeSpec(WireTypeKind.Array, Element: ToWireType(type.Element!), FixedLength: (int?)type.Size?.Value),
        XdrTypeKind.Optional => WireTypeSpec.OptionalOf(ToWireType(type.Element!)),
        _ => new WireTypeSpec(WireTypeKind.Other, type.ToString()),
    };

    private static XdrStructSpec? FindStruct(XdrSpec xdr, string name) =>
        xdr.Structs.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string? NameOf(XdrStructSpec? structure, string suffix) =>
        structure?.Name.Substring("guestfs_".Length, structure.Name.Length - "guestfs_".Length - suffix.Length);

    private static EquatableArray<WireFieldSpec>? Fields(XdrStructSpec? structure) =>
        structure?.Fields.Select(f => new WireFieldSpec(f.Name, ToWireType(f.Type))).ToEquatableArray();
}
