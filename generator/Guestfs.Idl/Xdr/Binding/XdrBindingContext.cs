using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>The state of one <see cref="XdrBinder.Bind"/> call.</summary>
internal sealed class XdrBindingContext
{
    private static readonly Dictionary<string, XdrTypeKind> s_wellKnownTypes = new(StringComparer.Ordinal)
    {
        ["int8_t"] = XdrTypeKind.Char,
        ["uint8_t"] = XdrTypeKind.UnsignedChar,
        ["u_char"] = XdrTypeKind.UnsignedChar,
        ["int16_t"] = XdrTypeKind.Short,
        ["uint16_t"] = XdrTypeKind.UnsignedShort,
        ["u_short"] = XdrTypeKind.UnsignedShort,
        ["int32_t"] = XdrTypeKind.Int,
        ["uint32_t"] = XdrTypeKind.UnsignedInt,
        ["u_int32_t"] = XdrTypeKind.UnsignedInt,
        ["u_int"] = XdrTypeKind.UnsignedInt,
        ["u_long"] = XdrTypeKind.UnsignedInt,
        ["int64_t"] = XdrTypeKind.Hyper,
        ["quad_t"] = XdrTypeKind.Hyper,
        ["uint64_t"] = XdrTypeKind.UnsignedHyper,
        ["u_int64_t"] = XdrTypeKind.UnsignedHyper,
        ["u_quad_t"] = XdrTypeKind.UnsignedHyper,
    };

    private static readonly Dictionary<string, long> s_wellKnownConstants = new(StringComparer.Ordinal)
    {
        ["TRUE"] = 1,
        ["FALSE"] = 0,
    };

    private readonly XdrSyntax _syntax;
    private readonly CancellationToken _cancellationToken;
    private readonly List<IdlDiagnostic> _diagnostics = new();
    private readonly Dictionary<string, Symbol> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluating = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XdrTypeSpec> _typedefs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resolvingTypedefs = new(StringComparer.Ordinal);

    public XdrBindingContext(XdrSyntax syntax, CancellationToken cancellationToken)
    {
        _syntax = syntax;
        _cancellationToken = cancellationToken;
    }

    private enum SymbolKind
    {
        Constant,
        EnumMember,
        Enum,
        Struct,
        Union,
        Typedef,
        Program,
        Version,
    }

    private enum DeclarationContext
    {
        Field,
        Typedef,
        Arm,
        Discriminant,
    }

    public XdrBindResult Run()
    {
        Declare();
        var constants = new List<XdrConstantSpec>();
        var enums = new List<XdrEnumSpec>();
        var typedefs = new List<XdrTypedefSpec>();
        var structs = new List<XdrStructSpec>();
        var unions = new List<XdrUnionSpec>();
        var programs = new List<XdrProgramSpec>();
        var passThrough = new List<XdrPassThroughSpec>();
        var order = new List<XdrDefinitionRef>();
        foreach (XdrDefinitionSyntax definition in _syntax.Definitions)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (definition)
            {
                case XdrConstSyntax constant:
                    order.Add(new XdrDefinitionRef(XdrDefinitionKind.Constant, constants.Count));
                    // rpcgen copies a constant into a #define, so a string is a valid constant; it only cannot be a size.
                    constants.Add(new XdrConstantSpec(constant.Name, Value(constant.Value, constant.Value.IsString ? null : EvaluateConstant(constant)), constant.NameLocation));
                    break;
                case XdrEnumSyntax enumSyntax:
                    order.Add(new XdrDefinitionRef(XdrDefinitionKind.Enum, enums.Count));
                    enums.Add(BindEnum(enumSyntax));
                    break;
                case XdrTypedefSyntax typedef:
                    order.Add(new XdrDefinitionRef(XdrDefinitionKind.Typedef, typedefs.Count));
                    typedefs.Add(new XdrTypedefSpec(typedef.Declaration.Name, ResolveTypedef(typedef), typedef.Declaration.NameLocation));
                    break;
                case XdrStructSyntax structSyntax:
                    order.Add(new XdrDefinitionRef(XdrDefinitionKind.Struct, structs.Count));
                    structs.Add(BindStruct(structSyntax));
                    break;
                case XdrUnionSyntax union:
                    order.Add(new XdrDefinitionRef(XdrDefinitionKind.Union, unions.Count));
                    unions.Add(BindUnion(union));
                    break;
                case XdrProgramSyntax program:
                    order.Add(new XdrDefinitionRef(XdrDefinitionKind.Program, programs.Count));
                    programs.Add(BindProgram(program));
                    break;
                case XdrPassThroughSyntax line:
                    order.Add(new XdrDefinitionRef(XdrDefinitionKind.PassThrough, passThrough.Count));
                    passThrough.Add(new XdrPassThroughSpec(line.Text, line.Location));
                    break;
            }
        }

        CheckDuplicateNumbers("Program", programs.Select(p => (p.Name, p.Number, p.Location)));
        foreach (XdrProgramSpec program in programs)
        {
            CheckDuplicateNumbers("Version", program.Versions.Select(v => (v.Name, v.Number, v.Location)));
            foreach (XdrVersionSpec version in program.Versions)
            {
                CheckDuplicateNumbers("Procedure", version.Procedures.Select(p => (p.Name, p.Number, p.Location)));
            }
        }

        CheckRecursion(structs, unions);

        var spec = new XdrSpec(
            _syntax.Path,
            constants.ToEquatableArray(),
            enums.ToEquatableArray(),
            typedefs.ToEquatableArray(),
            structs.ToEquatableArray(),
            unions.ToEquatableArray(),
            programs.ToEquatableArray(),
            passThrough.ToEquatableArray(),
            order.ToEquatableArray());
        return new XdrBindResult(spec, _diagnostics.OrderBy(d => d.Location.Start).ToEquatableArray());
    }

    // ---------------------------------------------------------------- declarations

    private void Declare()
    {
        foreach (XdrDefinitionSyntax definition in _syntax.Definitions)
        {
            switch (definition)
            {
                case XdrConstSyntax constant:
                    Declare(constant.Name, SymbolKind.Constant, constant.NameLocation, constant);
                    break;
                case XdrEnumSyntax enumSyntax:
                    Declare(enumSyntax.Name, SymbolKind.Enum, enumSyntax.NameLocation, enumSyntax);
                    for (int i = 0; i < enumSyntax.Members.Count; i++)
                    {
                        XdrEnumMemberSyntax member = enumSyntax.Members[i];
                        Declare(member.Name, SymbolKind.EnumMember, member.Location, enumSyntax, i);
                    }

                    break;
                case XdrTypedefSyntax typedef when !IsTagAlias(typedef.Declaration):
                    Declare(typedef.Declaration.Name, SymbolKind.Typedef, typedef.Declaration.NameLocation, typedef);
                    break;
                case XdrStructSyntax structSyntax:
                    Declare(structSyntax.Name, SymbolKind.Struct, structSyntax.NameLocation, structSyntax);
                    break;
                case XdrUnionSyntax union:
                    Declare(union.Name, SymbolKind.Union, union.NameLocation, union);
                    break;
                case XdrProgramSyntax program:
                    Declare(program.Name, SymbolKind.Program, program.NameLocation, program);
                    foreach (XdrVersionSyntax version in program.Versions)
                    {
                        Declare(version.Name, SymbolKind.Version, version.NameLocation, version);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// <c>typedef struct x x;</c> (also enum/union): C allows it because tags have their own namespace, rpcgen
    /// passes it on, and it means nothing new, so the name stays bound to the struct.
    /// </summary>
    private static bool IsTagAlias(XdrDeclarationSyntax declaration) =>
        declaration.Declarator == XdrDeclaratorKind.Scalar &&
        declaration.Type.Kind is XdrTypeSyntaxKind.Struct or XdrTypeSyntaxKind.Enum or XdrTypeSyntaxKind.Union &&
        declaration.Type.Name == declaration.Name;

    private void Declare(string name, SymbolKind kind, IdlLocation location, object syntax, int index = 0)
    {
        if (name.Length == 0)
        {
            return;
        }

        if (_symbols.TryGetValue(name, out Symbol? existing))
        {
            DuplicateName(name, location, existing.Location);
            return;
        }

        _symbols.Add(name, new Symbol(kind, location, syntax, index));
    }

    private void DuplicateName(string name, IdlLocation location, IdlLocation first) =>
        Report(
            XdrDiagnosticIds.DuplicateName,
            location,
            $"'{name}' is already defined at line {first.Line.ToString(CultureInfo.InvariantCulture)}, column {first.Column.ToString(CultureInfo.InvariantCulture)}.");

    // ---------------------------------------------------------------- values

    private static XdrValueSpec Value(XdrValueSyntax syntax, long? value) => new(value ?? 0, syntax.Text);

    private long? EvaluateConstant(XdrConstSyntax constant)
    {
        if (_symbols.TryGetValue(constant.Name, out Symbol? symbol) && !ReferenceEquals(symbol.Syntax, constant))
        {
            // A duplicate: evaluate it on its own, without caching under the shared name.
            return Evaluate(constant.Value);
        }

        return EvaluateName(constant.Name, constant.Value.Location);
    }

    /// <summary>Evaluates a value as written: a literal, or the name of a constant or enum member.</summary>
    private long? Evaluate(XdrValueSyntax value)
    {
        if (value.IsNumber)
        {
            long? literal = ParseInteger(value.Text, out string reason);
            if (literal is null)
            {
                Report(XdrDiagnosticIds.NotAnInteger, value.Location, $"'{value.Text}' is not an integer constant{reason}.");
            }

            return literal;
        }

        if (value.Text.StartsWith("\"", StringComparison.Ordinal))
        {
            Report(XdrDiagnosticIds.NotAnInteger, value.Location, $"'{value.Text}' is not an integer constant: it is a string.");
            return null;
        }

        return EvaluateName(value.Text, value.Location);
    }

    private long? EvaluateName(string name, IdlLocation usage)
    {
        if (!_symbols.TryGetValue(name, out Symbol? symbol))
        {
            if (s_wellKnownConstants.TryGetValue(name, out long wellKnown))
            {
                return wellKnown;
            }

            Report(XdrDiagnosticIds.UndefinedName, usage, $"'{name}' is not defined; define it with 'const' or as an enum member.");
            return null;
        }

        if (symbol.Kind is not (SymbolKind.Constant or SymbolKind.EnumMember))
        {
            Report(XdrDiagnosticIds.NotAnInteger, usage, $"'{name}' is not an integer constant: it is {Describe(symbol.Kind)}.");
            return null;
        }

        if (_values.TryGetValue(name, out long? known))
        {
            return known;
        }

        if (!_evaluating.Add(name))
        {
            Report(XdrDiagnosticIds.CircularDefinition, symbol.Location, $"'{name}' is defined in terms of itself.");
            _values[name] = null;
            return null;
        }

        long? result;
        if (symbol.Kind == SymbolKind.Constant)
        {
            result = Evaluate(((XdrConstSyntax)symbol.Syntax).Value);
        }
        else
        {
            var enumSyntax = (XdrEnumSyntax)symbol.Syntax;
            XdrEnumMemberSyntax member = enumSyntax.Members[symbol.Index];
            if (member.Value is not null)
            {
                result = Evaluate(member.Value);
            }
            else if (symbol.Index == 0)
            {
                result = 0;
            }
            else
            {
                // Like C: one more than the previous member.
                string previous = enumSyntax.Members[symbol.Index - 1].Name;
                long? before = _symbols.TryGetValue(previous, out Symbol? p) && ReferenceEquals(p.Syntax, enumSyntax)
                    ? EvaluateName(previous, member.Location)
                    : null;
                result = before + 1;
            }

            if (result is < int.MinValue or > int.MaxValue)
            {
                Report(
                    XdrDiagnosticIds.ValueOutOfRange,
                    member.Value?.Location ?? member.Location,
                    $"Enum member '{name}' has the value {result.Value.ToString(CultureInfo.InvariantCulture)}, which does not fit in a 32-bit int.");
                result = null;
            }
        }

        _evaluating.Remove(name);
        _values[name] = result;
        return result;
    }

    /// <summary>Parses a C integer literal: decimal, 0x hexadecimal or leading-zero octal, with an optional minus.</summary>
    private static long? ParseInteger(string text, out string reason)
    {
        reason = string.Empty;
        bool negative = text.StartsWith("-", StringComparison.Ordinal);
        string digits = negative ? text.Substring(1) : text;
        int radix = 10;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            radix = 16;
            digits = digits.Substring(2);
        }
        else if (digits.Length > 1 && digits[0] == '0')
        {
            radix = 8;
            digits = digits.Substring(1);
        }

        if (digits.Length == 0)
        {
            return null;
        }

        ulong magnitude = 0;
        foreach (char c in digits)
        {
            int digit = c >= '0' && c <= '9' ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                : int.MaxValue;
            if (digit >= radix)
            {
                return null;
            }

            ulong next = unchecked((magnitude * (ulong)radix) + (ulong)digit);
            if (magnitude > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                reason = ": it does not fit in 64 bits";
                return null;
            }

            magnitude = next;
        }

        if (negative ? magnitude > 1UL + long.MaxValue : magnitude > long.MaxValue)
        {
            reason = ": it does not fit in 64 bits";
            return null;
        }

        return negative ? unchecked(-(long)magnitude) : (long)magnitude;
    }

    private XdrValueSpec Size(XdrValueSyntax size, string what, string name)
    {
        long? value = Evaluate(size);
        if (value is <= 0)
        {
            Report(
                XdrDiagnosticIds.NonPositiveSize,
                size.Location,
                $"The {what} of '{name}' must be positive, but it is {value.Value.ToString(CultureInfo.InvariantCulture)}.");
        }

        return Value(size, value);
    }

    // ---------------------------------------------------------------- types

    private XdrTypeSpec ResolveTypedef(XdrTypedefSyntax typedef)
    {
        string name = typedef.Declaration.Name;
        if (_symbols.TryGetValue(name, out Symbol? symbol) && ReferenceEquals(symbol.Syntax, typedef))
        {
            return ResolveTypedefByName(name, symbol);
        }

        return ResolveDeclaration(typedef.Declaration, DeclarationContext.Typedef);
    }

    private XdrTypeSpec ResolveTypedefByName(string name, Symbol symbol)
    {
        if (_typedefs.TryGetValue(name, out XdrTypeSpec? known))
        {
            return known;
        }

        if (!_resolvingTypedefs.Add(name))
        {
            Report(XdrDiagnosticIds.CircularDefinition, symbol.Location, $"'{name}' is defined in terms of itself.");
            var unresolved = new XdrTypeSpec(XdrTypeKind.Unresolved, name, name);
            _typedefs[name] = unresolved;
            return unresolved;
        }

        XdrTypeSpec type = ResolveDeclaration(((XdrTypedefSyntax)symbol.Syntax).Declaration, DeclarationContext.Typedef);
        _resolvingTypedefs.Remove(name);
        if (!_typedefs.ContainsKey(name))
        {
            _typedefs[name] = type;
        }

        return _typedefs[name];
    }

    /// <summary>Resolves a type specifier alone (no declarator): the base of a declaration, or a procedure's type.</summary>
    private XdrTypeSpec ResolveBase(XdrTypeSyntax type)
    {
        switch (type.Kind)
        {
            case XdrTypeSyntaxKind.Void: return new XdrTypeSpec(XdrTypeKind.Void, type.Spelling);
            case XdrTypeSyntaxKind.Int: return new XdrTypeSpec(XdrTypeKind.Int, type.Spelling);
            case XdrTypeSyntaxKind.Long: return new XdrTypeSpec(XdrTypeKind.Int, type.Spelling);
            case XdrTypeSyntaxKind.UnsignedInt: return new XdrTypeSpec(XdrTypeKind.UnsignedInt, type.Spelling);
            case XdrTypeSyntaxKind.UnsignedLong: return new XdrTypeSpec(XdrTypeKind.UnsignedInt, type.Spelling);
            case XdrTypeSyntaxKind.Hyper: return new XdrTypeSpec(XdrTypeKind.Hyper, type.Spelling);
            case XdrTypeSyntaxKind.UnsignedHyper: return new XdrTypeSpec(XdrTypeKind.UnsignedHyper, type.Spelling);
            case XdrTypeSyntaxKind.Char: return new XdrTypeSpec(XdrTypeKind.Char, type.Spelling);
            case XdrTypeSyntaxKind.UnsignedChar: return new XdrTypeSpec(XdrTypeKind.UnsignedChar, type.Spelling);
            case XdrTypeSyntaxKind.Short: return new XdrTypeSpec(XdrTypeKind.Short, type.Spelling);
            case XdrTypeSyntaxKind.UnsignedShort: return new XdrTypeSpec(XdrTypeKind.UnsignedShort, type.Spelling);
            case XdrTypeSyntaxKind.Float: return new XdrTypeSpec(XdrTypeKind.Float, type.Spelling);
            case XdrTypeSyntaxKind.Double: return new XdrTypeSpec(XdrTypeKind.Double, type.Spelling);
            case XdrTypeSyntaxKind.Quadruple: return new XdrTypeSpec(XdrTypeKind.Quadruple, type.Spelling);
            case XdrTypeSyntaxKind.Bool: return new XdrTypeSpec(XdrTypeKind.Bool, type.Spelling);
            case XdrTypeSyntaxKind.String: return new XdrTypeSpec(XdrTypeKind.String, type.Spelling);
            case XdrTypeSyntaxKind.Opaque: return new XdrTypeSpec(XdrTypeKind.VariableOpaque, type.Spelling);
            case XdrTypeSyntaxKind.Struct: return Tagged(type, SymbolKind.Struct, XdrTypeKind.Struct);
            case XdrTypeSyntaxKind.Enum: return Tagged(type, SymbolKind.Enum, XdrTypeKind.Enum);
            case XdrTypeSyntaxKind.Union: return Tagged(type, SymbolKind.Union, XdrTypeKind.Union);
        }

        string name = type.Name ?? string.Empty;
        if (!_symbols.TryGetValue(name, out Symbol? symbol))
        {
            if (s_wellKnownTypes.TryGetValue(name, out XdrTypeKind wellKnown))
            {
                return new XdrTypeSpec(wellKnown, name);
            }

            return Undefined(type, name);
        }

        switch (symbol.Kind)
        {
            case SymbolKind.Typedef:
                return ResolveTypedefByName(name, symbol) with { Alias = name };
            case SymbolKind.Struct:
                return new XdrTypeSpec(XdrTypeKind.Struct, name, name);
            case SymbolKind.Enum:
                return new XdrTypeSpec(XdrTypeKind.Enum, name, name);
            case SymbolKind.Union:
                return new XdrTypeSpec(XdrTypeKind.Union, name, name);
            default:
                Report(XdrDiagnosticIds.NotAType, type.Location, $"'{name}' is {Describe(symbol.Kind)}, not a type.");
                return new XdrTypeSpec(XdrTypeKind.Unresolved, name, name);
        }
    }

    private XdrTypeSpec Tagged(XdrTypeSyntax type, SymbolKind expected, XdrTypeKind kind)
    {
        string name = type.Name ?? string.Empty;
        if (!_symbols.TryGetValue(name, out Symbol? symbol))
        {
            return Undefined(type, name);
        }

        if (symbol.Kind != expected)
        {
            string keyword = Keyword(expected);
            string suggestion = symbol.Kind switch
            {
                SymbolKind.Struct or SymbolKind.Enum or SymbolKind.Union => Keyword(symbol.Kind) + " " + name,
                _ => name,
            };
            Report(
                XdrDiagnosticIds.TypeKindMismatch,
                type.Location,
                $"'{keyword} {name}' refers to {Describe(symbol.Kind)}; write '{suggestion}'.");
            return new XdrTypeSpec(XdrTypeKind.Unresolved, type.Spelling, name);
        }

        return new XdrTypeSpec(kind, type.Spelling, name);
    }

    private XdrTypeSpec Undefined(XdrTypeSyntax type, string name)
    {
        Report(
            XdrDiagnosticIds.UndefinedType,
            type.Location,
            $"Type '{name}' is not defined; define it with 'struct', 'enum', 'union' or 'typedef'.");
        return new XdrTypeSpec(XdrTypeKind.Unresolved, type.Spelling, name);
    }

    private XdrTypeSpec ResolveDeclaration(XdrDeclarationSyntax declaration, DeclarationContext context)
    {
        XdrTypeSpec type = ResolveBase(declaration.Type);
        bool isString = declaration.Type.Kind == XdrTypeSyntaxKind.String;
        bool isOpaque = declaration.Type.Kind == XdrTypeSyntaxKind.Opaque;
        string name = declaration.Name;
        switch (declaration.Declarator)
        {
            case XdrDeclaratorKind.Void:
                if (context != DeclarationContext.Arm)
                {
                    Invalid(declaration.Location, "'void' is only allowed in union arms and procedures.");
                }

                return type;

            case XdrDeclaratorKind.Scalar:
            case XdrDeclaratorKind.Optional:
                if (isString)
                {
                    Invalid(declaration.Location, $"'string' needs a maximum in '<>': write 'string {name}<>'.");
                }
                else if (isOpaque)
                {
                    Invalid(declaration.Location, $"'opaque' needs a size: write 'opaque {name}[n]' or 'opaque {name}<>'.");
                }

                return declaration.Declarator == XdrDeclaratorKind.Optional
                    ? new XdrTypeSpec(XdrTypeKind.Optional, string.Empty, Element: type)
                    : type;

            case XdrDeclaratorKind.FixedArray:
            {
                XdrValueSpec size = Size(declaration.Size!, "size", name);
                if (isString)
                {
                    Invalid(declaration.Location, $"'string' needs a maximum in '<>': write 'string {name}<{size.Text}>'.");
                    return type with { Size = size };
                }

                return isOpaque
                    ? new XdrTypeSpec(XdrTypeKind.FixedOpaque, type.Spelling, Size: size)
                    : new XdrTypeSpec(XdrTypeKind.FixedArray, string.Empty, Element: type, Size: size);
            }

            default:
            {
                XdrValueSpec? max = declaration.Size is null ? null : Size(declaration.Size, "maximum size", name);
                return isString || isOpaque
                    ? type with { Size = max }
                    : new XdrTypeSpec(XdrTypeKind.VariableArray, string.Empty, Element: type, Size: max);
            }
        }
    }

    private void Invalid(IdlLocation location, string message) =>
        Report(XdrDiagnosticIds.InvalidDeclaration, location, message);

    // ---------------------------------------------------------------- definitions

    private XdrEnumSpec BindEnum(XdrEnumSyntax syntax)
    {
        var members = new List<XdrEnumMemberSpec>();
        var seen = new Dictionary<long, string>();
        for (int i = 0; i < syntax.Members.Count; i++)
        {
            XdrEnumMemberSyntax member = syntax.Members[i];
            long? value = _symbols.TryGetValue(member.Name, out Symbol? symbol) && ReferenceEquals(symbol.Syntax, syntax) && symbol.Index == i
                ? EvaluateName(member.Name, member.Location)
                : (member.Value is null ? null : Evaluate(member.Value));
            bool deliberateAlias = member.Value is { IsNumber: false } written && syntax.Members.Any(m => m.Name == written.Text);
            if (value is long v && !deliberateAlias)
            {
                if (seen.TryGetValue(v, out string? other))
                {
                    Report(
                        XdrDiagnosticIds.DuplicateEnumValue,
                        member.Location,
                        $"Enum '{syntax.Name}': '{member.Name}' has the value {v.ToString(CultureInfo.InvariantCulture)}, which '{other}' already has.");
                }
                else
                {
                    seen.Add(v, member.Name);
                }
            }

            members.Add(new XdrEnumMemberSpec(member.Name, (int)(value ?? 0), member.Value?.Text, member.Location));
        }

        return new XdrEnumSpec(syntax.Name, members.ToEquatableArray(), syntax.NameLocation);
    }

    private XdrStructSpec BindStruct(XdrStructSyntax syntax)
    {
        var fields = new List<XdrFieldSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (XdrDeclarationSyntax field in syntax.Fields)
        {
            XdrTypeSpec type = ResolveDeclaration(field, DeclarationContext.Field);
            if (field.Name.Length > 0 && !names.Add(field.Name))
            {
                Report(XdrDiagnosticIds.DuplicateField, field.NameLocation, $"'{field.Name}' appears twice in '{syntax.Name}'; field names must be unique.");
            }

            fields.Add(new XdrFieldSpec(field.Name, type, field.NameLocation));
        }

        return new XdrStructSpec(syntax.Name, fields.ToEquatableArray(), syntax.NameLocation);
    }

    private XdrUnionSpec BindUnion(XdrUnionSyntax syntax)
    {
        XdrDeclarationSyntax discriminantSyntax = syntax.Discriminant;
        XdrTypeSpec discriminantType = ResolveDeclaration(discriminantSyntax, DeclarationContext.Discriminant);
        var discriminant = new XdrFieldSpec(discriminantSyntax.Name, discriminantType, discriminantSyntax.NameLocation);
        bool validDiscriminant = discriminantType.Kind is XdrTypeKind.Int or XdrTypeKind.UnsignedInt or XdrTypeKind.Bool
            or XdrTypeKind.Enum or XdrTypeKind.Char or XdrTypeKind.UnsignedChar or XdrTypeKind.Short or XdrTypeKind.UnsignedShort
            or XdrTypeKind.Unresolved;
        if (!validDiscriminant)
        {
            Report(
                XdrDiagnosticIds.InvalidDiscriminant,
                discriminantSyntax.Location,
                $"Union '{syntax.Name}' switches on {XdrPrinter.FormatType(discriminantType)}; the discriminant must be int, unsigned int, bool or an enum.");
        }

        var labels = new Dictionary<long, string>();
        var armNames = new HashSet<string>(StringComparer.Ordinal);
        XdrUnionArmSpec BindArm(XdrUnionArmSyntax arm)
        {
            var values = new List<XdrValueSpec>();
            foreach (XdrValueSyntax label in arm.Labels)
            {
                long? value = Evaluate(label);
                if (!label.IsNumber && discriminantType.Kind == XdrTypeKind.Enum &&
                    _symbols.TryGetValue(label.Text, out Symbol? symbol) && symbol.Kind == SymbolKind.EnumMember &&
                    ((XdrEnumSyntax)symbol.Syntax).Name != discriminantType.Name)
                {
                    Report(
                        XdrDiagnosticIds.CaseLabelNotInEnum,
                        label.Location,
                        $"Union '{syntax.Name}': case '{label.Text}' is not a member of enum '{discriminantType.Name}'.");
                }

                if (value is long v)
                {
                    if (labels.TryGetValue(v, out string? other))
                    {
                        Report(
                            XdrDiagnosticIds.DuplicateCaseLabel,
                            label.Location,
                            $"Union '{syntax.Name}': case {label.Text} is already handled by case '{other}'.");
                    }
                    else
                    {
                        labels.Add(v, label.Text);
                    }
                }

                values.Add(Value(label, value));
            }

            XdrDeclarationSyntax declaration = arm.Declaration;
            XdrTypeSpec type = ResolveDeclaration(declaration, DeclarationContext.Arm);
            XdrFieldSpec? field = null;
            if (declaration.Declarator != XdrDeclaratorKind.Void)
            {
                if (!armNames.Add(declaration.Name))
                {
                    Report(XdrDiagnosticIds.DuplicateField, declaration.NameLocation, $"'{declaration.Name}' appears twice in '{syntax.Name}'; field names must be unique.");
                }

                field = new XdrFieldSpec(declaration.Name, type, declaration.NameLocation);
            }

            return new XdrUnionArmSpec(values.ToEquatableArray(), field, arm.Location);
        }

        EquatableArray<XdrUnionArmSpec> arms = syntax.Arms.Select(BindArm).ToEquatableArray();
        XdrUnionArmSpec? fallback = syntax.Default is null ? null : BindArm(syntax.Default);
        return new XdrUnionSpec(syntax.Name, discriminant, arms, fallback, syntax.NameLocation);
    }

    private XdrProgramSpec BindProgram(XdrProgramSyntax syntax)
    {
        var versions = new List<XdrVersionSpec>();
        foreach (XdrVersionSyntax version in syntax.Versions)
        {
            var procedures = new List<XdrProcedureSpec>();
            var names = new Dictionary<string, IdlLocation>(StringComparer.Ordinal);
            foreach (XdrProcedureSyntax procedure in version.Procedures)
            {
                if (names.TryGetValue(procedure.Name, out IdlLocation? first))
                {
                    DuplicateName(procedure.Name, procedure.NameLocation, first);
                }
                else
                {
                    names.Add(procedure.Name, procedure.NameLocation);
                }

                XdrTypeSpec result = ProcedureType(procedure.Result);
                var arguments = new List<XdrTypeSpec>();
                foreach (XdrTypeSyntax argument in procedure.Arguments)
                {
                    XdrTypeSpec type = ProcedureType(argument);
                    if (type.Kind == XdrTypeKind.Void && type.Alias is null)
                    {
                        if (procedure.Arguments.Count > 1)
                        {
                            Invalid(argument.Location, $"'void' must be the only argument of '{procedure.Name}'.");
                        }

                        continue;
                    }

                    arguments.Add(type);
                }

                procedures.Add(new XdrProcedureSpec(
                    procedure.Name, Value(procedure.Number, Evaluate(procedure.Number)), result, arguments.ToEquatableArray(), procedure.NameLocation));
            }

            versions.Add(new XdrVersionSpec(version.Name, Value(version.Number, Evaluate(version.Number)), procedures.ToEquatableArray(), version.NameLocation));
        }

        return new XdrProgramSpec(syntax.Name, Value(syntax.Number, Evaluate(syntax.Number)), versions.ToEquatableArray(), syntax.NameLocation);
    }

    private XdrTypeSpec ProcedureType(XdrTypeSyntax type)
    {
        XdrTypeSpec resolved = ResolveBase(type);
        if (type.Kind == XdrTypeSyntaxKind.Opaque)
        {
            Invalid(type.Location, "'opaque' needs a size; declare a typedef such as 'typedef opaque data<>' and use its name.");
        }

        return resolved;
    }

    // ---------------------------------------------------------------- checks

    private void CheckDuplicateNumbers(string what, IEnumerable<(string Name, XdrValueSpec Number, IdlLocation Location)> items)
    {
        var seen = new Dictionary<long, string>();
        foreach (var (name, number, location) in items)
        {
            if (seen.TryGetValue(number.Value, out string? other))
            {
                Report(
                    XdrDiagnosticIds.DuplicateNumber,
                    location,
                    $"{what} number {number.Text} is used by both '{other}' and '{name}'.");
            }
            else
            {
                seen.Add(number.Value, name);
            }
        }
    }

    /// <summary>
    /// Finds structures and unions that contain themselves by value (directly, through fixed arrays or union arms),
    /// which no XDR value can satisfy. Optional data and variable-length arrays end a chain.
    /// </summary>
    private void CheckRecursion(List<XdrStructSpec> structs, List<XdrUnionSpec> unions)
    {
        var edges = new Dictionary<string, List<(string Field, string Target, IdlLocation Location)>>(StringComparer.Ordinal);
        void AddEdges(string owner, IEnumerable<XdrFieldSpec> fields)
        {
            if (!edges.TryGetValue(owner, out var list))
            {
                list = new List<(string, string, IdlLocation)>();
                edges.Add(owner, list);
            }

            foreach (XdrFieldSpec field in fields)
            {
                XdrTypeSpec type = field.Type;
                while (type.Kind == XdrTypeKind.FixedArray && type.Element is not null)
                {
                    type = type.Element;
                }

                if (type.Kind is XdrTypeKind.Struct or XdrTypeKind.Union && type.Name is not null)
                {
                    list.Add((field.Name, type.Name, field.Location));
                }
            }
        }

        foreach (XdrStructSpec s in structs)
        {
            AddEdges(s.Name, s.Fields);
        }

        foreach (XdrUnionSpec u in unions)
        {
            IEnumerable<XdrUnionArmSpec> arms = u.Default is null ? u.Arms : u.Arms.Concat(new[] { u.Default });
            AddEdges(u.Name, arms.Where(a => a.Field is not null).Select(a => a.Field!));
        }

        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the stack, 2 = done
        var path = new List<(string Owner, string Field)>();
        void Visit(string node)
        {
            state[node] = 1;
            if (edges.TryGetValue(node, out var list))
            {
                foreach (var (field, target, location) in list)
                {
                    path.Add((node, field));
                    state.TryGetValue(target, out int targetState);
                    if (targetState == 1)
                    {
                        int start = path.FindIndex(p => p.Owner == target);
                        string chain = string.Join(", ", path.Skip(start).Select(p => "'" + p.Owner + "." + p.Field + "'"));
                        Report(
                            XdrDiagnosticIds.RecursiveType,
                            location,
                            $"'{target}' contains itself through {chain} without optional data; declare a field on the way with '*' or as a variable-length array '<>'.");
                    }
                    else if (targetState == 0 && edges.ContainsKey(target))
                    {
                        Visit(target);
                    }

                    path.RemoveAt(path.Count - 1);
                }
            }

            state[node] = 2;
        }

        foreach (string node in edges.Keys.ToList())
        {
            if (!state.ContainsKey(node))
            {
                Visit(node);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static string Keyword(SymbolKind kind) => kind switch
    {
        SymbolKind.Struct => "struct",
        SymbolKind.Enum => "enum",
        _ => "union",
    };

    private static string Describe(SymbolKind kind) => kind switch
    {
        SymbolKind.Constant => "a constant",
        SymbolKind.EnumMember => "an enum member",
        SymbolKind.Enum => "an enum",
        SymbolKind.Struct => "a struct",
        SymbolKind.Union => "a union",
        SymbolKind.Typedef => "a typedef",
        SymbolKind.Program => "a program",
        _ => "a program version",
    };

    private void Report(string id, IdlLocation location, string message) =>
        _diagnostics.Add(IdlDiagnostic.Create(id, message, location));

    private sealed record Symbol(SymbolKind Kind, IdlLocation Location, object Syntax, int Index);
}
