using System;
using System.Collections.Generic;
using System.Linq;
using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>
/// Checks the actions table against the <c>.x</c> protocol: procedure numbers and names, the <c>_args</c> and
/// <c>_ret</c> structures, procedures without actions, and the public structs' XDR structures (GFS0252–GFS0268).
/// </summary>
public static class ActionsValidator
{
    /// <summary>Validates <paramref name="actions"/> against <paramref name="protocol"/>.</summary>
    /// <param name="actions">The bound table.</param>
    /// <param name="protocol">The facts of the <c>.x</c>.</param>
    /// <returns>The problems found, in table order then protocol order.</returns>
    public static EquatableArray<IdlDiagnostic> Validate(ActionsSpec actions, ProtocolFactsSpec protocol)
    {
        var diagnostics = new List<IdlDiagnostic>();
        var procedures = new Dictionary<string, ProcedureFactsSpec>(StringComparer.OrdinalIgnoreCase);
        foreach (ProcedureFactsSpec procedure in protocol.Procedures)
        {
            procedures[procedure.Name] = procedure;
        }

        foreach (ActionSpec action in actions.Actions)
        {
            if (action.ProcedureNumber is not int number)
            {
                continue;
            }

            if (!procedures.TryGetValue(action.Name, out ProcedureFactsSpec? procedure))
            {
                diagnostics.Add(ActionsDiagnostics.UnknownProcedure(action.Location, action.Name, number));
                continue;
            }

            if (procedure.Number != number)
            {
                diagnostics.Add(ActionsDiagnostics.ProcedureNumberMismatch(action.Location, action.Name, number, procedure.Number));
            }

            CheckArgs(action, procedure, diagnostics);
            CheckRet(action, procedure, diagnostics);
        }

        var actionNames = new HashSet<string>(actions.Actions.Where(a => a.IsDaemon).Select(a => a.Name), StringComparer.OrdinalIgnoreCase);
        var unusedNames = new HashSet<string>(actions.UnusedProcedures.Select(u => u.Name), StringComparer.OrdinalIgnoreCase);
        foreach (ProcedureFactsSpec procedure in protocol.Procedures)
        {
            if (!actionNames.Contains(procedure.Name) && !unusedNames.Contains(procedure.Name))
            {
                diagnostics.Add(ActionsDiagnostics.ProcedureWithoutAction(procedure.Location, procedure.Name, procedure.Number));
            }
        }

        foreach (UnusedProcedureSpec unused in actions.UnusedProcedures)
        {
            if (!procedures.TryGetValue(unused.Name, out ProcedureFactsSpec? procedure))
            {
                diagnostics.Add(ActionsDiagnostics.InvalidUnusedProcedure(unused.Location, unused.Name, "the protocol has no such procedure; remove the declaration"));
            }
            else if (procedure.Number != unused.Number)
            {
                diagnostics.Add(ActionsDiagnostics.InvalidUnusedProcedure(unused.Location, unused.Name, $"its number is {procedure.Number} in the protocol, not {unused.Number}"));
            }
        }

        var structs = protocol.Structs.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (PublicStructSpec structure in actions.Structs)
        {
            CheckStruct(structure, structs, diagnostics);
        }

        return diagnostics.ToEquatableArray();
    }

    /// <summary>The XDR type an argument kind travels as, or null for kinds that never travel (streams, pointers).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The wire type.</returns>
    public static WireTypeSpec? WireTypeOf(ArgumentKind kind) => kind switch
    {
        ArgumentKind.OptString => WireTypeSpec.OptionalOf(WireTypeSpec.String),
        ArgumentKind.StringList or ArgumentKind.DeviceList or ArgumentKind.FilenameList => WireTypeSpec.StringArray,
        ArgumentKind.Bool => WireTypeSpec.Bool,
        ArgumentKind.Int => WireTypeSpec.Int,
        ArgumentKind.Int64 => WireTypeSpec.Hyper,
        ArgumentKind.BufferIn => WireTypeSpec.Opaque,
        ArgumentKind.FileIn or ArgumentKind.FileOut or ArgumentKind.Pointer => null,
        _ => WireTypeSpec.String,
    };

    /// <summary>The XDR type an optional-argument kind travels as.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The wire type.</returns>
    public static WireTypeSpec WireTypeOf(OptionalArgumentKind kind) => kind switch
    {
        OptionalArgumentKind.OBool => WireTypeSpec.Bool,
        OptionalArgumentKind.OInt => WireTypeSpec.Int,
        OptionalArgumentKind.OInt64 => WireTypeSpec.Hyper,
        OptionalArgumentKind.OString => WireTypeSpec.String,
        _ => WireTypeSpec.StringArray,
    };

    /// <summary>The XDR type of the single <c>_ret</c> field a return kind needs; null for <see cref="ReturnKind.Err"/>
    /// (no <c>_ret</c> structure) and for the library-only kinds.</summary>
    /// <param name="returns">The return.</param>
    /// <returns>The wire type.</returns>
    public static WireTypeSpec? WireTypeOf(ReturnSpec returns) => returns.Kind switch
    {
        ReturnKind.Int => WireTypeSpec.Int,
        ReturnKind.Int64 => WireTypeSpec.Hyper,
        ReturnKind.Bool => WireTypeSpec.Bool,
        ReturnKind.String => WireTypeSpec.String,
        ReturnKind.StringList or ReturnKind.Hashtable => WireTypeSpec.StringArray,
        ReturnKind.Buffer => WireTypeSpec.Opaque,
        ReturnKind.Struct => WireTypeSpec.StructOf("guestfs_int_" + returns.StructName),
        ReturnKind.StructList => WireTypeSpec.ArrayOf(WireTypeSpec.StructOf("guestfs_int_" + returns.StructName)),
        _ => null,
    };

    /// <summary>The XDR type of a public struct field kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The wire type.</returns>
    public static WireTypeSpec WireTypeOf(StructFieldKind kind) => kind switch
    {
        StructFieldKind.FChar => new WireTypeSpec(WireTypeKind.Char),
        StructFieldKind.FString => WireTypeSpec.String,
        StructFieldKind.FBuffer => WireTypeSpec.Opaque,
        StructFieldKind.FUUID => new WireTypeSpec(WireTypeKind.FixedOpaque, FixedLength: 32),
        StructFieldKind.FInt32 => WireTypeSpec.Int,
        StructFieldKind.FUInt32 => new WireTypeSpec(WireTypeKind.UInt),
        StructFieldKind.FInt64 or StructFieldKind.FBytes => WireTypeSpec.Hyper,
        StructFieldKind.FUInt64 => new WireTypeSpec(WireTypeKind.UHyper),
        _ => new WireTypeSpec(WireTypeKind.Float),
    };

    private static void CheckArgs(ActionSpec action, ProcedureFactsSpec procedure, List<IdlDiagnostic> diagnostics)
    {
        EquatableArray<WireFieldSpec> fields = procedure.Args ?? EquatableArray<WireFieldSpec>.Empty;
        foreach (ArgumentSpec stream in action.Arguments.Where(a => a.IsStream))
        {
            if (fields.Any(f => f.Name == stream.Name))
            {
                diagnostics.Add(ActionsDiagnostics.StreamArgumentInArgs(stream.Location, stream.Name, action.Name, ActionsVocabulary.ToText(stream.Kind), procedure.ArgsStructName));
                return;
            }
        }

        var values = action.Arguments.Where(a => !a.IsStream)
            .Select(a => (a.Name, Kind: ActionsVocabulary.ToText(a.Kind), Type: WireTypeOf(a.Kind), a.Location))
            .Concat(action.OptionalArguments.Select(o => (o.Name, Kind: o.Kind.ToString(), Type: (WireTypeSpec?)WireTypeOf(o.Kind), o.Location)))
            .ToList();

        if (values.Count != fields.Count)
        {
            diagnostics.Add(ActionsDiagnostics.ArgumentCountMismatch(action.Location, action.Name, values.Count, procedure.ArgsStructName, fields.Count));
            return;
        }

        for (int i = 0; i < values.Count; i++)
        {
            var value = values[i];
            WireFieldSpec field = fields[i];
            if (value.Name != field.Name)
            {
                diagnostics.Add(ActionsDiagnostics.ArgumentNameMismatch(value.Location, i, action.Name, value.Name, procedure.ArgsStructName, field.Name));
            }
            else if (value.Type is null || !value.Type.Equals(field.Type))
            {
                diagnostics.Add(ActionsDiagnostics.ArgumentTypeMismatch(
                    value.Location, value.Name, action.Name, value.Kind, value.Type ?? new WireTypeSpec(WireTypeKind.Other, "nothing (library-side only)"), procedure.ArgsStructName, field.Type));
            }
        }
    }

    private static void CheckRet(ActionSpec action, ProcedureFactsSpec procedure, List<IdlDiagnostic> diagnostics)
    {
        string kind = action.Return.ToString();
        if (action.Return.Kind is ReturnKind.ConstString or ReturnKind.ConstOptString)
        {
            diagnostics.Add(ActionsDiagnostics.ReturnMismatch(action.Location, action.Name, kind, "a library-side action", "procedure " + procedure.Number));
            return;
        }

        WireTypeSpec? expected = WireTypeOf(action.Return);
        string actual = procedure.Ret is { } ret
            ? procedure.RetStructName + " { " + string.Join("; ", ret.Select(f => f.Type + " " + f.Name)) + " }"
            : "no " + procedure.RetStructName;

        if (expected is null)
        {
            if (procedure.Ret is not null)
            {
                diagnostics.Add(ActionsDiagnostics.ReturnMismatch(action.Location, action.Name, kind, "no " + procedure.RetStructName, actual));
            }

            return;
        }

        if (procedure.Ret is not { Count: 1 } fields || !fields[0].Type.Equals(expected))
        {
            diagnostics.Add(ActionsDiagnostics.ReturnMismatch(action.Location, action.Name, kind, procedure.RetStructName + " with one field of type " + expected, actual));
        }
    }

    private static void CheckStruct(PublicStructSpec structure, Dictionary<string, WireStructSpec> structs, List<IdlDiagnostic> diagnostics)
    {
        if (!structs.TryGetValue(structure.XdrName, out WireStructSpec? wire))
        {
            diagnostics.Add(ActionsDiagnostics.PublicStructMismatch(structure.Location, structure.Name, structure.XdrName, "the protocol has no such structure"));
            return;
        }

        if (wire.Fields.Count != structure.Fields.Count)
        {
            diagnostics.Add(ActionsDiagnostics.PublicStructMismatch(structure.Location, structure.Name, structure.XdrName, $"it has {wire.Fields.Count} field(s), the table declares {structure.Fields.Count}"));
            return;
        }

        for (int i = 0; i < wire.Fields.Count; i++)
        {
            PublicStructFieldSpec field = structure.Fields[i];
            WireTypeSpec expected = WireTypeOf(field.Kind);
            if (field.Name != wire.Fields[i].Name || !expected.Equals(wire.Fields[i].Type))
            {
                diagnostics.Add(ActionsDiagnostics.PublicStructMismatch(
                    field.Location, structure.Name, structure.XdrName, $"field {i} is {wire.Fields[i].Type} {wire.Fields[i].Name}, the table declares {field.Name}: {field.Kind} ({expected})"));
            }
        }
    }
}
