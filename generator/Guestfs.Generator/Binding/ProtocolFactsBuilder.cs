using System.Collections.Generic;
using System.Linq;
using Guestfs.Idl.Actions;
using Guestfs.Idl.Common;
using Guestfs.Idl.Xdr;

namespace Guestfs.Generator.Binding;

/// <summary>
/// Reduces the XDR model to the <see cref="ProtocolFactsSpec"/> the actions validator checks the table against:
/// the procedure enum with each procedure's <c>_args</c>/<c>_ret</c> fields, and the other structures.
/// </summary>
internal static class ProtocolFactsBuilder
{
    private const string ProcedureEnumName = "guestfs_procedure";
    private const string ProcedurePrefix = "GUESTFS_PROC_";

    /// <summary>Builds the facts.</summary>
    /// <param name="xdr">The XDR model.</param>
    /// <returns>The facts.</returns>
    public static ProtocolFactsSpec Build(XdrSpec xdr)
    {
        var structs = new Dictionary<string, XdrStructSpec>();
        foreach (XdrStructSpec s in xdr.Structs)
        {
            structs[s.Name] = s;
        }

        var procedures = new List<ProcedureFactsSpec>();
        XdrEnumSpec? procedureEnum = xdr.FindEnum(ProcedureEnumName);
        var procedureStructs = new HashSet<string>();
        if (procedureEnum is not null)
        {
            // The enum is upper case (GUESTFS_PROC_MKE2FS_J) but the structures keep the action's case
            // (guestfs_mke2fs_J_args): match them case-insensitively and report the structure's spelling.
            var byLowerName = new Dictionary<string, XdrStructSpec>();
            foreach (XdrStructSpec s in xdr.Structs)
            {
                byLowerName[s.Name.ToLowerInvariant()] = s;
            }

            foreach (XdrEnumMemberSpec m in procedureEnum.Members)
            {
                string lower = m.Name.StartsWith(ProcedurePrefix, System.StringComparison.Ordinal)
                    ? m.Name.Substring(ProcedurePrefix.Length).ToLowerInvariant()
                    : m.Name.ToLowerInvariant();
                byLowerName.TryGetValue("guestfs_" + lower + "_args", out XdrStructSpec? args);
                byLowerName.TryGetValue("guestfs_" + lower + "_ret", out XdrStructSpec? ret);
                string name = args is not null ? Between(args.Name, "_args") : ret is not null ? Between(ret.Name, "_ret") : lower;
                if (args is not null)
                {
                    procedureStructs.Add(args.Name);
                }

                if (ret is not null)
                {
                    procedureStructs.Add(ret.Name);
                }

                procedures.Add(new ProcedureFactsSpec(name, m.Value, args is null ? null : Fields(args), ret is null ? null : Fields(ret), m.Location));
            }
        }

        var others = xdr.Structs.Where(s => !procedureStructs.Contains(s.Name))
            .Select(static s => new WireStructSpec(s.Name, Fields(s), s.Location))
            .ToEquatableArray();
        return new ProtocolFactsSpec(procedures.ToEquatableArray(), others);
    }

    private static string Between(string structName, string suffix) =>
        structName.Substring("guestfs_".Length, structName.Length - "guestfs_".Length - suffix.Length);

    private static EquatableArray<WireFieldSpec> Fields(XdrStructSpec s) =>
        s.Fields.Select(static f => new WireFieldSpec(f.Name, Wire(f.Type))).ToEquatableArray();

    private static WireTypeSpec Wire(XdrTypeSpec t)
    {
        int? length = t.Size is { } size ? (int)size.Value : null;
        return t.Kind switch
        {
            XdrTypeKind.Int or XdrTypeKind.Short => new WireTypeSpec(WireTypeKind.Int),
            XdrTypeKind.UnsignedInt or XdrTypeKind.UnsignedShort or XdrTypeKind.UnsignedChar => new WireTypeSpec(WireTypeKind.UInt),
            XdrTypeKind.Hyper => new WireTypeSpec(WireTypeKind.Hyper),
            XdrTypeKind.UnsignedHyper => new WireTypeSpec(WireTypeKind.UHyper),
            XdrTypeKind.Bool => new WireTypeSpec(WireTypeKind.Bool),
            XdrTypeKind.Float => new WireTypeSpec(WireTypeKind.Float),
            XdrTypeKind.Double => new WireTypeSpec(WireTypeKind.Double),
            XdrTypeKind.Char => new WireTypeSpec(WireTypeKind.Char),
            XdrTypeKind.String => new WireTypeSpec(WireTypeKind.String),
            XdrTypeKind.VariableOpaque => new WireTypeSpec(WireTypeKind.Opaque),
            XdrTypeKind.FixedOpaque => new WireTypeSpec(WireTypeKind.FixedOpaque, FixedLength: length),
            XdrTypeKind.Struct => new WireTypeSpec(WireTypeKind.Struct, t.Name),
            XdrTypeKind.Enum => new WireTypeSpec(WireTypeKind.Enum, t.Name),
            XdrTypeKind.VariableArray => new WireTypeSpec(WireTypeKind.Array, Element: t.Element is null ? null : Wire(t.Element)),
            XdrTypeKind.FixedArray => new WireTypeSpec(WireTypeKind.Array, Element: t.Element is null ? null : Wire(t.Element), FixedLength: length),
            XdrTypeKind.Optional => new WireTypeSpec(WireTypeKind.Optional, Element: t.Element is null ? null : Wire(t.Element)),
            _ => new WireTypeSpec(WireTypeKind.Other, t.Name),
        };
    }
}
