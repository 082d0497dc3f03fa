using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Guestfs.Generator.Helpers;
using Guestfs.Generator.Model;
using Guestfs.Idl.Actions;
using Guestfs.Idl.Common;
using Guestfs.Idl.Xdr;

namespace Guestfs.Generator.Binding;

/// <summary>
/// Joins the XDR model of the <c>.x</c> file and the actions table into the <see cref="SdkSpec"/>: C# names,
/// namespaces, resolved wire shapes and the action ↔ <c>_args</c>/<c>_ret</c> mapping. Problems that only show
/// here (a type the emitter cannot map, a name that is not a valid C# identifier) become GFS029x diagnostics.
/// </summary>
internal sealed class SdkBinder
{
    /// <summary>Namespace of the protocol structures and enums.</summary>
    public const string ProtocolNamespace = "Guestfs.Protocol";

    /// <summary>Namespace of the public records.</summary>
    public const string PublicNamespace = "Guestfs";

    private const string ProcedureEnumName = "guestfs_procedure";

    private readonly XdrSpec _xdr;
    private readonly ActionsSpec _actions;
    private readonly string _protocolNamespace;
    private readonly string _publicNamespace;
    private readonly List<IdlDiagnostic> _diagnostics = new();
    private readonly Dictionary<string, (string Namespace, string Name)> _typeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _minSizes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PublicStructSpec> _publicStructs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XdrStructSpec> _structs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _enumMembers = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string?> _externalNamespaces;

    private SdkBinder(XdrSpec xdr, ActionsSpec actions, string protocolNamespace, string publicNamespace, IReadOnlyDictionary<string, string?>? externalNamespaces = null)
    {
        _externalNamespaces = externalNamespaces ?? new Dictionary<string, string?>();
        _xdr = xdr;
        _actions = actions;
        _protocolNamespace = protocolNamespace;
        _publicNamespace = publicNamespace;
        foreach (PublicStructSpec s in actions.Structs)
        {
            _publicStructs[s.XdrName] = s;
        }

        foreach (XdrStructSpec s in xdr.Structs)
        {
            _structs[s.Name] = s;
        }
    }

    /// <summary>Binds the libguestfs protocol and actions.</summary>
    /// <param name="xdr">The XDR model.</param>
    /// <param name="actions">The actions table.</param>
    /// <returns>The model and the diagnostics found.</returns>
    public static (SdkSpec Spec, EquatableArray<IdlDiagnostic> Diagnostics) Bind(XdrSpec xdr, ActionsSpec actions)
    {
        var binder = new SdkBinder(xdr, actions, ProtocolNamespace, PublicNamespace);
        SdkSpec spec = binder.Run();
        return (spec, binder._diagnostics.ToEquatableArray());
    }

    /// <summary>Binds any rpcgen file on its own (the <c>guestfs-gen xdr</c> mode): every structure and enum in
    /// one namespace, no actions.</summary>
    /// <param name="xdr">The XDR model.</param>
    /// <param name="ns">The namespace for everything.</param>
    /// <param name="externalNamespaces">Types defined in referenced files: the namespace they are generated in.</param>
    /// <returns>The model and the diagnostics found.</returns>
    public static (SdkSpec Spec, EquatableArray<IdlDiagnostic> Diagnostics) BindXdrOnly(XdrSpec xdr, string ns, IReadOnlyDictionary<string, string?> externalNamespaces)
    {
        var binder = new SdkBinder(xdr, ActionsSpec.Empty, ns, ns, externalNamespaces);
        SdkSpec spec = binder.Run();
        return (spec, binder._diagnostics.ToEquatableArray());
    }

    private static string FileName(string path)
    {
        int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    private SdkSpec Run()
    {
        NameTypes();
        EquatableArray<ConstantSpec> constants = _xdr.Constants.Select(BindConstant).ToEquatableArray();
        EnumSpec? procedure = null;
        var enums = new List<EnumSpec>();
        foreach (XdrEnumSpec e in _xdr.Enums)
        {
            if (e.Name == ProcedureEnumName && _actions.Actions.Count > 0)
            {
                procedure = BindProcedureEnum(e);
            }
            else
            {
                enums.Add(BindEnum(e));
            }
        }

        var codecs = new List<CodecSpec>();
        foreach (XdrStructSpec s in _xdr.Structs)
        {
            codecs.Add(BindStruct(s));
        }

        var unions = new List<UnionSpec>();
        foreach (XdrUnionSpec u in _xdr.Unions)
        {
            unions.Add(BindUnion(u));
        }

        var versions = new List<RpcVersionSpec>();
        foreach (XdrProgramSpec program in _xdr.Programs)
        {
            versions.AddRange(program.Versions.Select(v => BindVersion(program, v)));
        }

        var actions = new List<Model.MethodSpec>();
        foreach (Idl.Actions.ActionSpec a in _actions.Actions)
        {
            Model.MethodSpec? bound = BindAction(a);
            if (bound is not null)
            {
                actions.Add(bound);
            }
        }

        return new SdkSpec(FileName(_xdr.Path), constants, procedure, enums.ToEquatableArray(), codecs.ToEquatableArray(), actions.ToEquatableArray())
        {
            Unions = unions.ToEquatableArray(),
            RpcVersions = versions.ToEquatableArray(),
        };
    }

    private void NameTypes()
    {
        var used = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string wireName, string ns, string name, IdlLocation location)
        {
            if (!Naming.IsValidIdentifier(name))
            {
                Report(GeneratorDiagnosticIds.InvalidCSharpName, location, "'" + wireName + "' becomes '" + name + "', which is not a valid C# name; rename it");
            }

            if (_externalNamespaces.TryGetValue(wireName, out string? external) && external is not null)
            {
                ns = external;
            }

            string key = ns + "." + name;
            if (used.TryGetValue(key, out string? other))
            {
                Report(GeneratorDiagnosticIds.InvalidCSharpName, location, "'" + wireName + "' and '" + other + "' both become the C# type '" + key + "'; rename one of them");
            }
            else
            {
                used[key] = wireName;
            }

            _typeNames[wireName] = (ns, name);
        }

        foreach (XdrEnumSpec e in _xdr.Enums)
        {
            Add(e.Name, _protocolNamespace, Naming.ToPascalCase(e.Name), e.Location);
        }

        foreach (XdrStructSpec s in _xdr.Structs)
        {
            if (_publicStructs.TryGetValue(s.Name, out PublicStructSpec? pub))
            {
                Add(s.Name, _publicNamespace, pub.CSharpName, s.Location);
            }
            else
            {
                bool isPublic = s.Name.StartsWith("guestfs_int_", StringComparison.Ordinal);
                Add(s.Name, isPublic ? _publicNamespace : _protocolNamespace, Naming.ToPascalCase(s.Name), s.Location);
            }
        }

        foreach (XdrUnionSpec u in _xdr.Unions)
        {
            Add(u.Name, _protocolNamespace, Naming.ToPascalCase(u.Name), u.Location);
        }
    }

    private string FullName(string wireName) =>
        _typeNames.TryGetValue(wireName, out (string Namespace, string Name) n) ? "global::" + n.Namespace + "." + n.Name : "global::" + wireName;

    private ConstantSpec BindConstant(XdrConstantSpec c)
    {
        string text = c.Value.Text;
        if (c.Value.IsString)
        {
            // C and C# share the escapes rpcgen files use in string constants (\", \\, \n, \t).
            return new ConstantSpec(c.Name, Naming.ToPascalCase(c.Name), "string", text, "The string constant <c>" + c.Name + "</c> of the protocol.");
        }

        bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        bool unsigned = c.Value.Value > int.MaxValue || (hex && text.Length - 2 >= 8);
        string type = c.Value.Value > uint.MaxValue || c.Value.Value < int.MinValue ? "long" : unsigned ? "uint" : "int";
        string literal = c.Value.IsSymbolic
            ? c.Value.Value.ToString(CultureInfo.InvariantCulture)
            : hex ? "0x" + text.Substring(2).ToUpperInvariant() : text;
        if (type == "long")
        {
            literal += "L";
        }

        string doc = "The constant <c>" + c.Name + "</c> of the protocol (" + c.Value.Value.ToString(CultureInfo.InvariantCulture) + ").";
        return new ConstantSpec(c.Name, Naming.ToPascalCase(c.Name), type, literal, doc);
    }

    private static string CommonPrefix(IReadOnlyList<string> names)
    {
        if (names.Count < 2)
        {
            return string.Empty;
        }

        string prefix = names[0];
        foreach (string name in names)
        {
            int i = 0;
            while (i < prefix.Length && i < name.Length && prefix[i] == name[i])
            {
                i++;
            }

            prefix = prefix.Substring(0, i);
        }

        int underscore = prefix.LastIndexOf('_');
        return underscore < 0 ? string.Empty : prefix.Substring(0, underscore + 1);
    }

    private EnumSpec BindEnum(XdrEnumSpec e)
    {
        string prefix = CommonPrefix(e.Members.Select(static m => m.Name).ToList());
        var members = new List<EnumMemberSpec>();
        foreach (XdrEnumMemberSpec m in e.Members)
        {
            string name = Naming.PascalCaseWords(m.Name.Substring(prefix.Length));
            if (!Naming.IsValidIdentifier(name))
            {
                Report(GeneratorDiagnosticIds.InvalidCSharpName, m.Location, "Enum member '" + m.Name + "' becomes '" + name + "', which is not a valid C# name; rename it");
            }

            members.Add(new EnumMemberSpec(m.Name, name, m.Value, "<c>" + m.Name + "</c>."));
        }

        (string ns, string typeName) = _typeNames[e.Name];
        foreach (EnumMemberSpec m in members)
        {
            _enumMembers[m.WireName] = m.Name;
        }

        return new EnumSpec(e.Name, typeName, ns, "The XDR enum <c>" + e.Name + "</c>.", members.ToEquatableArray());
    }

    private EnumSpec BindProcedureEnum(XdrEnumSpec e)
    {
        var stems = new Dictionary<int, string>();
        var names = new Dictionary<int, string>();
        foreach (Idl.Actions.ActionSpec a in _actions.Actions)
        {
            if (a.ProcedureNumber is int n && !stems.ContainsKey(n))
            {
                stems[n] = a.CSharpName;
                names[n] = a.Name;
            }
        }

        string prefix = CommonPrefix(e.Members.Select(static m => m.Name).ToList());
        var members = new List<EnumMemberSpec>();
        foreach (XdrEnumMemberSpec m in e.Members)
        {
            string name = stems.TryGetValue(m.Value, out string? stem) ? stem : Naming.PascalCaseWords(m.Name.Substring(prefix.Length));
            string actionName = names.TryGetValue(m.Value, out string? n) ? n : m.Name.Substring(prefix.Length).ToLowerInvariant();
            members.Add(new EnumMemberSpec(m.Name, name, m.Value, "Procedure " + m.Value.ToString(CultureInfo.InvariantCulture) + ", <c>" + m.Name + "</c>.") { ActionName = actionName });
        }

        (string ns, _) = _typeNames[e.Name];
        return new EnumSpec(e.Name, "Procedure", ns, "The procedures of the daemon: the member is the action's C# name, the value its procedure number.", members.ToEquatableArray()) { IsPublic = true };
    }

    private CodecSpec BindStruct(XdrStructSpec s)
    {
        (string ns, string name) = _typeNames[s.Name];
        _publicStructs.TryGetValue(s.Name, out PublicStructSpec? pub);
        var fields = new List<CodecFieldSpec>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (XdrFieldSpec f in s.Fields)
        {
            XdrShapeSpec? shape = Shape(f.Type, f.Location, s.Name + "." + f.Name);
            if (shape is null)
            {
                continue;
            }

            PublicStructFieldSpec? kind = pub?.Fields.FirstOrDefault(x => x.Name == f.Name);
            if (kind is not null)
            {
                shape = kind.Kind switch
                {
                    StructFieldKind.FUUID when shape.Kind == ShapeKind.FixedOpaque => new XdrShapeSpec(ShapeKind.UuidString, string.Empty, uint.MaxValue, shape.Length, null, shape.MinSize),
                    StructFieldKind.FOptPercent when shape.Kind == ShapeKind.Float => XdrShapeSpec.Simple(ShapeKind.OptPercent, 4),
                    _ => shape,
                };
            }

            string property = Naming.PascalCaseWords(f.Name);
            if (property == name)
            {
                property += "Value";
            }

            if (!Naming.IsValidIdentifier(property) || !used.Add(property))
            {
                Report(GeneratorDiagnosticIds.InvalidCSharpName, f.Location, "Field '" + f.Name + "' of '" + s.Name + "' becomes the property '" + property + "', which is not a valid or unique C# name; rename it");
                continue;
            }

            fields.Add(new CodecFieldSpec(f.Name, property, shape, XdrShapeSpec.CsTypeOf(shape), "The <c>" + f.Name + "</c> field."));
        }

        string doc = pub is not null
            ? "The <c>" + pub.Name + "</c> structure returned by the daemon (<c>" + s.Name + "</c> on the wire)."
            : "The XDR structure <c>" + s.Name + "</c>.";
        return new CodecSpec(s.Name, name, ns, ns == _publicNamespace && _publicNamespace != _protocolNamespace, doc, fields.ToEquatableArray());
    }

    private UnionSpec BindUnion(XdrUnionSpec u)
    {
        (string ns, string name) = _typeNames[u.Name];
        XdrFieldSpec d = u.Discriminant;
        XdrShapeSpec discriminantShape = Shape(d.Type, d.Location, u.Name + "." + d.Name) ?? XdrShapeSpec.Simple(ShapeKind.Int32, 4);
        string discriminantProperty = Naming.PascalCaseWords(d.Name);
        if (discriminantProperty == name)
        {
            discriminantProperty += "Value";
        }

        var discriminant = new CodecFieldSpec(d.Name, discriminantProperty, discriminantShape, XdrShapeSpec.CsTypeOf(discriminantShape), "The discriminant <c>" + d.Name + "</c>: which arm this is.");
        // The arm records are nested in the union's record: their names must not clash with it or its members.
        var used = new HashSet<string>(StringComparer.Ordinal) { name, discriminantProperty, "Encode", "Decode", "Equals", "GetHashCode", "ToString", "PrintMembers", "EqualityContract" };
        var arms = new List<UnionArmSpec>();
        IEnumerable<XdrUnionArmSpec> all = u.Default is null ? u.Arms : u.Arms.Concat(new[] { u.Default });
        foreach (XdrUnionArmSpec arm in all)
        {
            bool isDefault = ReferenceEquals(arm, u.Default);
            string armName = isDefault ? "Default" : string.Join("Or", arm.Labels.Select(l => LabelName(l, discriminantShape)));
            while (!used.Add(armName))
            {
                armName += "Arm";
            }

            if (!Naming.IsValidIdentifier(armName))
            {
                Report(GeneratorDiagnosticIds.InvalidCSharpName, arm.Location, "An arm of union '" + u.Name + "' becomes '" + armName + "', which is not a valid C# name; rename its case labels");
            }

            EquatableArray<string> labels = arm.Labels.Select(l => LabelConstant(l, discriminantShape)).ToEquatableArray();
            CodecFieldSpec? field = null;
            if (arm.Field is { } f && Shape(f.Type, f.Location, u.Name + "." + f.Name) is { } shape)
            {
                string property = Naming.PascalCaseWords(f.Name);
                if (property == armName || property == discriminantProperty)
                {
                    property += "Value";
                }

                field = new CodecFieldSpec(f.Name, property, shape, XdrShapeSpec.CsTypeOf(shape), "The <c>" + f.Name + "</c> arm.");
            }

            arms.Add(new UnionArmSpec(armName, arm.Labels.Select(static l => l.Text).ToEquatableArray(), labels, isDefault, field));
        }

        string unionDoc = "The XDR union <c>" + u.Name + "</c>: one nested record per arm, selected by <c>" + d.Name + "</c>"
            + (u.Default is null ? "; other values are rejected." : ".");
        return new UnionSpec(u.Name, name, ns, ns == _publicNamespace && _publicNamespace != _protocolNamespace, unionDoc, discriminant, arms.ToEquatableArray());
    }

    private RpcVersionSpec BindVersion(XdrProgramSpec program, XdrVersionSpec version)
    {
        string prefix = CommonPrefix(version.Procedures.Select(static p => p.Name).ToList());
        var procedures = new List<RpcProcedureSpec>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (XdrProcedureSpec p in version.Procedures)
        {
            string name = Naming.PascalCaseWords(p.Name.Substring(prefix.Length));
            if (!Naming.IsValidIdentifier(name) || !used.Add(name))
            {
                Report(GeneratorDiagnosticIds.InvalidCSharpName, p.Location, "Procedure '" + p.Name + "' becomes '" + name + "', which is not a valid or unique C# name; rename it");
                continue;
            }

            var arguments = new List<XdrShapeSpec>();
            foreach (XdrTypeSpec argument in p.Arguments)
            {
                if (Shape(argument, p.Location, version.Name + "." + p.Name) is { } shape)
                {
                    arguments.Add(shape);
                }
            }

            XdrShapeSpec? result = p.Result.Kind == XdrTypeKind.Void ? null : Shape(p.Result, p.Location, version.Name + "." + p.Name);
            if (arguments.Count == p.Arguments.Count && (result is not null || p.Result.Kind == XdrTypeKind.Void))
            {
                procedures.Add(new RpcProcedureSpec(p.Name, name, (uint)p.Number.Value, arguments.ToEquatableArray(), result));
            }
        }

        string stem = Naming.PascalCaseWords(version.Name);
        if (!Naming.IsValidIdentifier(stem))
        {
            Report(GeneratorDiagnosticIds.InvalidCSharpName, version.Location, "Version '" + version.Name + "' becomes '" + stem + "', which is not a valid C# name; rename it");
        }

        return new RpcVersionSpec(program.Name, (uint)program.Number.Value, version.Name, stem, (uint)version.Number.Value, procedures.ToEquatableArray());
    }

    /// <summary>A case label as part of a C# name: the enum member's C# name, <c>True</c>/<c>False</c>, or <c>Case</c> and the number.</summary>
    private string LabelName(XdrValueSpec label, XdrShapeSpec discriminant)
    {
        if (discriminant.Kind == ShapeKind.Enum && _enumMembers.TryGetValue(label.Text, out string? member))
        {
            return member;
        }

        if (discriminant.Kind == ShapeKind.Bool)
        {
            return label.Value != 0 ? "True" : "False";
        }

        return label.IsSymbolic ? Naming.PascalCaseWords(label.Text) : "Case" + (label.Value < 0 ? "Minus" + (-label.Value).ToString(CultureInfo.InvariantCulture) : label.Value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A case label as a C# constant of the discriminant's type.</summary>
    private string LabelConstant(XdrValueSpec label, XdrShapeSpec discriminant)
    {
        string number = label.Value.ToString(CultureInfo.InvariantCulture);
        return discriminant.Kind switch
        {
            ShapeKind.Enum when _enumMembers.TryGetValue(label.Text, out string? member) => discriminant.TypeName + "." + member,
            ShapeKind.Enum => "(" + discriminant.TypeName + ")(" + number + ")",
            ShapeKind.Bool => label.Value != 0 ? "true" : "false",
            ShapeKind.UInt32 => ((uint)label.Value).ToString(CultureInfo.InvariantCulture) + "u",
            ShapeKind.Char => "(char)" + number,
            _ => number,
        };
    }

    private XdrShapeSpec? Shape(XdrTypeSpec t, IdlLocation location, string what)
    {
        uint max = t.Size is { } size && size.Value >= 0 && size.Value <= uint.MaxValue ? (uint)size.Value : uint.MaxValue;
        int length = t.Size is { } fixedSize && fixedSize.Value >= 0 && fixedSize.Value <= int.MaxValue ? (int)fixedSize.Value : 0;
        switch (t.Kind)
        {
            case XdrTypeKind.Int:
            case XdrTypeKind.Short:
                return XdrShapeSpec.Simple(ShapeKind.Int32, 4);
            case XdrTypeKind.UnsignedInt:
            case XdrTypeKind.UnsignedShort:
            case XdrTypeKind.UnsignedChar:
                return XdrShapeSpec.Simple(ShapeKind.UInt32, 4);
            case XdrTypeKind.Hyper:
                return XdrShapeSpec.Simple(ShapeKind.Int64, 8);
            case XdrTypeKind.UnsignedHyper:
                return XdrShapeSpec.Simple(ShapeKind.UInt64, 8);
            case XdrTypeKind.Bool:
                return XdrShapeSpec.Simple(ShapeKind.Bool, 4);
            case XdrTypeKind.Float:
                return XdrShapeSpec.Simple(ShapeKind.Float, 4);
            case XdrTypeKind.Double:
                return XdrShapeSpec.Simple(ShapeKind.Double, 8);
            case XdrTypeKind.Char:
                return XdrShapeSpec.Simple(ShapeKind.Char, 4);
            case XdrTypeKind.String:
                return new XdrShapeSpec(ShapeKind.String, string.Empty, max, 0, null, 4);
            case XdrTypeKind.VariableOpaque:
                return new XdrShapeSpec(ShapeKind.Opaque, string.Empty, max, 0, null, 4);
            case XdrTypeKind.FixedOpaque:
                return new XdrShapeSpec(ShapeKind.FixedOpaque, string.Empty, uint.MaxValue, length, null, (length + 3) & ~3);
            case XdrTypeKind.Enum:
                return new XdrShapeSpec(ShapeKind.Enum, FullName(t.Name ?? string.Empty), uint.MaxValue, 0, null, 4);
            case XdrTypeKind.Struct:
                return new XdrShapeSpec(ShapeKind.Struct, FullName(t.Name ?? string.Empty), uint.MaxValue, 0, null, StructMinSize(t.Name ?? string.Empty, 0));
            case XdrTypeKind.Union:
                return new XdrShapeSpec(ShapeKind.Struct, FullName(t.Name ?? string.Empty), uint.MaxValue, 0, null, 4);
            case XdrTypeKind.VariableArray:
            case XdrTypeKind.FixedArray:
            case XdrTypeKind.Optional:
            {
                XdrShapeSpec? element = t.Element is null ? null : Shape(t.Element, location, what);
                if (element is null)
                {
                    return null;
                }

                return t.Kind switch
                {
                    XdrTypeKind.VariableArray => new XdrShapeSpec(ShapeKind.VarArray, string.Empty, max, 0, element, 4),
                    XdrTypeKind.FixedArray => new XdrShapeSpec(ShapeKind.FixedArray, string.Empty, uint.MaxValue, length, element, element.MinSize * length),
                    _ => new XdrShapeSpec(ShapeKind.Optional, string.Empty, uint.MaxValue, 0, element, 4),
                };
            }

            default:
                Report(GeneratorDiagnosticIds.UnsupportedXdrType, location, "'" + what + "' has the type '" + t.Spelling + "' (" + t.Kind + "), which the C# emitter does not support; use int, hyper, bool, float, double, string, opaque, an enum, a struct, a union, an array or an optional");
                return null;
        }
    }

    private int StructMinSize(string name, int depth)
    {
        if (_minSizes.TryGetValue(name, out int size))
        {
            return size;
        }

        _structs.TryGetValue(name, out XdrStructSpec? s);
        if (s is null || depth > 32)
        {
            return 4;
        }

        int total = 0;
        foreach (XdrFieldSpec f in s.Fields)
        {
            total += MinSize(f.Type, depth + 1);
        }

        _minSizes[name] = total;
        return total;
    }

    private int MinSize(XdrTypeSpec t, int depth) => t.Kind switch
    {
        XdrTypeKind.Hyper or XdrTypeKind.UnsignedHyper or XdrTypeKind.Double => 8,
        XdrTypeKind.FixedOpaque => (int)(((t.Size?.Value ?? 0) + 3) & ~3L),
        XdrTypeKind.Struct => StructMinSize(t.Name ?? string.Empty, depth),
        XdrTypeKind.FixedArray when t.Element is not null => (int)Math.Min(int.MaxValue, (t.Size?.Value ?? 0) * MinSize(t.Element, depth)),
        XdrTypeKind.Void => 0,
        _ => 4,
    };

    private Model.MethodSpec? BindAction(Idl.Actions.ActionSpec a)
    {
        if (!a.IsDaemon && !a.RuntimeImplemented)
        {
            if (a.UnsupportedReason is null && a.Visibility is ActionVisibility.Public or ActionVisibility.PublicNoFish)
            {
                _diagnostics.Add(IdlDiagnostic.Create(
                    GeneratorDiagnosticIds.UnimplementedLibraryAction,
                    "Library-side action '" + a.Name + "' is public but gets no method: mark it 'flags runtime' and implement it in src/Guestfs, or say why it is left out with 'unsupported: <reason>'",
                    a.Location));
            }

            return null;
        }

        if (a.Arguments.Any(static p => p.Kind == ArgumentKind.Pointer))
        {
            Report(GeneratorDiagnosticIds.UnsupportedXdrType, a.Location, "Action '" + a.Name + "' takes a Pointer argument, which has no C# mapping; do not mark it runtime");
            return null;
        }

        if (!Naming.IsValidIdentifier(a.CSharpName))
        {
            Report(GeneratorDiagnosticIds.InvalidCSharpName, a.Location, "Action '" + a.Name + "' has the C# name '" + a.CSharpName + "', which is not a valid C# identifier; give it a csharp-name");
            return null;
        }

        var parameters = a.Arguments.Select(static p => new ParameterSpec(p.Name, p.Name, Kind(p.Kind), ParameterType(p.Kind), p.Range?.Minimum, p.Range?.Maximum)).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal) { "options", "progress", "cancellationToken" };
        for (int i = 0; i < parameters.Count; i++)
        {
            ParameterSpec p = parameters[i];
            string name = Naming.ToParameterName(p.WireName);
            while (!seen.Add(name))
            {
                name += "Value";
            }

            parameters[i] = p with { Name = name };
        }

        var options = a.OptionalArguments.Select(static o => new OptionSpec(o.Name, Naming.PascalCaseWords(o.Name), OptKind(o.Kind), OptionType(o.Kind), o.Bit, o.Range?.Minimum, o.Range?.Maximum) { ParameterName = Naming.ToParameterName(o.Name) }).ToList();
        string argsType = string.Empty;
        var argsFields = new List<string>();
        string retType = string.Empty;
        MethodReturnSpec ret = MethodReturnSpec.None;
        if (a.IsDaemon)
        {
            _structs.TryGetValue("guestfs_" + a.Name + "_args", out XdrStructSpec? args);
            _structs.TryGetValue("guestfs_" + a.Name + "_ret", out XdrStructSpec? retStruct);
            if (args is not null)
            {
                argsType = FullName(args.Name);
                foreach (XdrFieldSpec f in args.Fields)
                {
                    if (!parameters.Any(p => p.WireName == f.Name) && !options.Any(o => o.WireName == f.Name))
                    {
                        Report(GeneratorDiagnosticIds.WireStructureMismatch, f.Location, "Field '" + f.Name + "' of '" + args.Name + "' matches no argument of action '" + a.Name + "'; make the action's arguments and the structure agree");
                    }

                    argsFields.Add(f.Name);
                }
            }
            else if (parameters.Any(static p => p.Kind is not (ParameterKind.FileIn or ParameterKind.FileOut)) || options.Count > 0)
            {
                Report(GeneratorDiagnosticIds.WireStructureMismatch, a.Location, "Action '" + a.Name + "' has arguments but the protocol has no 'guestfs_" + a.Name + "_args'; add the structure to the .x");
            }

            if (a.Return.Kind != Idl.Actions.ReturnKind.Err)
            {
                if (retStruct is null || retStruct.Fields.Count != 1)
                {
                    Report(GeneratorDiagnosticIds.WireStructureMismatch, a.Location, "Action '" + a.Name + "' returns " + a.Return + " but the protocol has no 'guestfs_" + a.Name + "_ret' with exactly one field; fix the .x or the action");
                    return null;
                }

                retType = FullName(retStruct.Name);
                XdrFieldSpec field = retStruct.Fields[0];
                XdrShapeSpec? shape = Shape(field.Type, field.Location, retStruct.Name + "." + field.Name);
                if (shape is null)
                {
                    return null;
                }

                MethodReturnKind kind = RetKind(a.Return.Kind);
                string csType = kind == MethodReturnKind.Hashtable
                    ? "IReadOnlyDictionary<string, string>"
                    : kind == MethodReturnKind.Bool ? "bool" : Simplify(XdrShapeSpec.CsTypeOf(shape));
                string property = Naming.PascalCaseWords(field.Name);
                if (property == Naming.ToPascalCase(retStruct.Name))
                {
                    property += "Value";
                }

                ret = new MethodReturnSpec(kind, csType, property, kind == MethodReturnKind.Bool && shape.Kind != ShapeKind.Bool);
            }
        }
        else
        {
            ret = LibraryReturn(a.Return);
        }

        return new Model.MethodSpec(
            a.Name,
            a.CSharpName,
            a.Group,
            GroupFile(a.Group),
            a.ProcedureNumber ?? 0,
            a.IsDaemon,
            !a.IsDaemon,
            parameters.ToEquatableArray(),
            options.ToEquatableArray(),
            ret,
            argsType,
            argsFields.ToEquatableArray(),
            retType,
            a.Progress,
            a.Cancellable,
            a.Deprecated,
            a.DeprecatedBy ?? string.Empty,
            a.Summary,
            a.Description,
            a.FishAliases,
            a.Added?.ToString() ?? string.Empty)
        {
            IsInternal = a.Visibility == ActionVisibility.Internal,
            DeprecatedByStem = Naming.PascalCaseWords(a.DeprecatedBy ?? string.Empty),
            NumberStyle = a.FishOutput switch
            {
                FishOutputFormat.Octal => NumberStyle.Octal,
                FishOutputFormat.Hexadecimal => NumberStyle.Hexadecimal,
                _ => NumberStyle.Decimal,
            },
        };
    }

    private string GroupFile(string group)
    {
        foreach (ActionGroupSpec g in _actions.Groups)
        {
            if (g.Name == group)
            {
                return FileName(g.Path);
            }
        }

        return group + ".actions";
    }

    private MethodReturnSpec LibraryReturn(Idl.Actions.ReturnSpec r)
    {
        MethodReturnKind kind = RetKind(r.Kind);
        string structType = string.Empty;
        if (r.StructName is { } structName)
        {
            structType = Simplify(FullName("guestfs_int_" + structName));
        }

        string csType = kind switch
        {
            MethodReturnKind.None => string.Empty,
            MethodReturnKind.Int => "int",
            MethodReturnKind.Int64 => "long",
            MethodReturnKind.Bool => "bool",
            MethodReturnKind.String => "string",
            MethodReturnKind.OptString => "string?",
            MethodReturnKind.StringList => "IReadOnlyList<string>",
            MethodReturnKind.Struct => structType,
            MethodReturnKind.StructList => "IReadOnlyList<" + structType + ">",
            MethodReturnKind.Hashtable => "IReadOnlyDictionary<string, string>",
            _ => "byte[]",
        };
        return new MethodReturnSpec(kind, csType, string.Empty, false);
    }

    private static string Simplify(string csType) =>
        csType.Replace("global::System.Collections.Generic.", string.Empty).Replace("global::Guestfs.Protocol.", string.Empty).Replace("global::Guestfs.", string.Empty);

    private static MethodReturnKind RetKind(Idl.Actions.ReturnKind kind) => kind switch
    {
        Idl.Actions.ReturnKind.Err => MethodReturnKind.None,
        Idl.Actions.ReturnKind.Int => MethodReturnKind.Int,
        Idl.Actions.ReturnKind.Int64 => MethodReturnKind.Int64,
        Idl.Actions.ReturnKind.Bool => MethodReturnKind.Bool,
        Idl.Actions.ReturnKind.ConstString or Idl.Actions.ReturnKind.String => MethodReturnKind.String,
        Idl.Actions.ReturnKind.ConstOptString => MethodReturnKind.OptString,
        Idl.Actions.ReturnKind.StringList => MethodReturnKind.StringList,
        Idl.Actions.ReturnKind.Struct => MethodReturnKind.Struct,
        Idl.Actions.ReturnKind.StructList => MethodReturnKind.StructList,
        Idl.Actions.ReturnKind.Hashtable => MethodReturnKind.Hashtable,
        _ => MethodReturnKind.Buffer,
    };

    private static ParameterKind Kind(ArgumentKind kind) => kind switch
    {
        ArgumentKind.String => ParameterKind.String,
        ArgumentKind.OptString => ParameterKind.OptString,
        ArgumentKind.StringList => ParameterKind.StringList,
        ArgumentKind.DeviceList => ParameterKind.DeviceList,
        ArgumentKind.FilenameList => ParameterKind.FilenameList,
        ArgumentKind.Device => ParameterKind.Device,
        ArgumentKind.Mountable => ParameterKind.Mountable,
        ArgumentKind.Pathname => ParameterKind.Pathname,
        ArgumentKind.DevOrPath => ParameterKind.DevOrPath,
        ArgumentKind.MountableOrPath => ParameterKind.MountableOrPath,
        ArgumentKind.FileIn => ParameterKind.FileIn,
        ArgumentKind.FileOut => ParameterKind.FileOut,
        ArgumentKind.Key => ParameterKind.Key,
        ArgumentKind.Guid => ParameterKind.Guid,
        ArgumentKind.Filename => ParameterKind.Filename,
        ArgumentKind.Bool => ParameterKind.Bool,
        ArgumentKind.Int => ParameterKind.Int,
        ArgumentKind.Int64 => ParameterKind.Int64,
        ArgumentKind.BufferIn => ParameterKind.BufferIn,
        _ => ParameterKind.Pointer,
    };

    private static string ParameterType(ArgumentKind kind) => kind switch
    {
        ArgumentKind.OptString => "string?",
        ArgumentKind.StringList or ArgumentKind.DeviceList or ArgumentKind.FilenameList => "IReadOnlyList<string>",
        ArgumentKind.Bool => "bool",
        ArgumentKind.Int => "int",
        ArgumentKind.Int64 => "long",
        ArgumentKind.BufferIn => "byte[]",
        ArgumentKind.FileIn or ArgumentKind.FileOut => "Stream",
        _ => "string",
    };

    private static OptionKind OptKind(OptionalArgumentKind kind) => kind switch
    {
        OptionalArgumentKind.OBool => OptionKind.Bool,
        OptionalArgumentKind.OInt => OptionKind.Int,
        OptionalArgumentKind.OInt64 => OptionKind.Int64,
        OptionalArgumentKind.OString => OptionKind.String,
        _ => OptionKind.StringList,
    };

    private static string OptionType(OptionalArgumentKind kind) => kind switch
    {
        OptionalArgumentKind.OBool => "bool?",
        OptionalArgumentKind.OInt => "int?",
        OptionalArgumentKind.OInt64 => "long?",
        OptionalArgumentKind.OString => "string?",
        _ => "IReadOnlyList<string>?",
    };

    private void Report(string id, IdlLocation location, string message) =>
        _diagnostics.Add(IdlDiagnostic.Create(id, message, location));
}
