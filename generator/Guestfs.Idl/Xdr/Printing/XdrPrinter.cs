using System.Globalization;
using System.Linq;
using System.Text;

namespace Guestfs.Idl.Xdr;

/// <summary>
/// Writes a model or a syntax tree back as rpcgen text. Parsing the output gives an equal model (apart from
/// locations; see <see cref="XdrSpec.WithoutLocations"/>). Comments and preprocessor lines are not kept; spellings
/// (<c>unsigned</c> vs <c>unsigned int</c>, literal vs named values, typedef names) are.
/// </summary>
public static class XdrPrinter
{
    private const string Indent = "    ";

    /// <summary>Writes a bound model as a <c>.x</c> file, definitions in their original order.</summary>
    /// <param name="spec">The model.</param>
    /// <returns>The text, with <c>\n</c> line ends.</returns>
    public static string Print(XdrSpec spec)
    {
        var text = new StringBuilder();
        XdrDefinitionKind? previous = null;
        foreach (XdrDefinitionRef reference in spec.Order)
        {
            bool groupLines = previous == reference.Kind && reference.Kind is XdrDefinitionKind.PassThrough or XdrDefinitionKind.Constant;
            if (previous is not null && !groupLines)
            {
                text.Append('\n');
            }

            previous = reference.Kind;
            switch (reference.Kind)
            {
                case XdrDefinitionKind.Constant:
                    XdrConstantSpec constant = spec.Constants[reference.Index];
                    text.Append("const ").Append(constant.Name).Append(" = ").Append(constant.Value.Text).Append(";\n");
                    break;
                case XdrDefinitionKind.Enum:
                    XdrEnumSpec enumSpec = spec.Enums[reference.Index];
                    text.Append("enum ").Append(enumSpec.Name).Append(" {\n");
                    text.Append(string.Join(",\n", enumSpec.Members.Select(m =>
                        Indent + m.Name + (m.ValueText is null ? string.Empty : " = " + m.ValueText))));
                    text.Append("\n};\n");
                    break;
                case XdrDefinitionKind.Typedef:
                    XdrTypedefSpec typedef = spec.Typedefs[reference.Index];
                    text.Append("typedef ").Append(Declaration(typedef.Type, typedef.Name)).Append(";\n");
                    break;
                case XdrDefinitionKind.Struct:
                    XdrStructSpec structSpec = spec.Structs[reference.Index];
                    text.Append("struct ").Append(structSpec.Name).Append(" {\n");
                    foreach (XdrFieldSpec field in structSpec.Fields)
                    {
                        text.Append(Indent).Append(Declaration(field.Type, field.Name)).Append(";\n");
                    }

                    text.Append("};\n");
                    break;
                case XdrDefinitionKind.Union:
                    PrintUnion(text, spec.Unions[reference.Index]);
                    break;
                case XdrDefinitionKind.Program:
                    PrintProgram(text, spec.Programs[reference.Index]);
                    break;
                case XdrDefinitionKind.PassThrough:
                    text.Append('%').Append(spec.PassThrough[reference.Index].Text).Append('\n');
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>Writes a syntax tree as a <c>.x</c> file (what the preprocessor left active; no comments).</summary>
    /// <param name="syntax">The syntax.</param>
    /// <returns>The text, with <c>\n</c> line ends.</returns>
    public static string Print(XdrSyntax syntax)
    {
        var text = new StringBuilder();
        XdrDefinitionSyntax? previous = null;
        foreach (XdrDefinitionSyntax definition in syntax.Definitions)
        {
            bool groupLines = (previous, definition) is (XdrPassThroughSyntax, XdrPassThroughSyntax) or (XdrConstSyntax, XdrConstSyntax);
            if (previous is not null && !groupLines)
            {
                text.Append('\n');
            }

            previous = definition;
            switch (definition)
            {
                case XdrConstSyntax constant:
                    text.Append("const ").Append(constant.Name).Append(" = ").Append(constant.Value.Text).Append(";\n");
                    break;
                case XdrEnumSyntax enumSyntax:
                    text.Append("enum ").Append(enumSyntax.Name).Append(" {\n");
                    text.Append(string.Join(",\n", enumSyntax.Members.Select(m =>
                        Indent + m.Name + (m.Value is null ? string.Empty : " = " + m.Value.Text))));
                    text.Append("\n};\n");
                    break;
                case XdrTypedefSyntax typedef:
                    text.Append("typedef ").Append(Declaration(typedef.Declaration)).Append(";\n");
                    break;
                case XdrStructSyntax structSyntax:
                    text.Append("struct ").Append(structSyntax.Name).Append(" {\n");
                    foreach (XdrDeclarationSyntax field in structSyntax.Fields)
                    {
                        text.Append(Indent).Append(Declaration(field)).Append(";\n");
                    }

                    text.Append("};\n");
                    break;
                case XdrUnionSyntax union:
                    text.Append("union ").Append(union.Name).Append(" switch (").Append(Declaration(union.Discriminant)).Append(") {\n");
                    foreach (XdrUnionArmSyntax arm in union.Arms)
                    {
                        foreach (XdrValueSyntax label in arm.Labels)
                        {
                            text.Append("case ").Append(label.Text).Append(":\n");
                        }

                        text.Append(Indent).Append(Declaration(arm.Declaration)).Append(";\n");
                    }

                    if (union.Default is not null)
                    {
                        text.Append("default:\n").Append(Indent).Append(Declaration(union.Default.Declaration)).Append(";\n");
                    }

                    text.Append("};\n");
                    break;
                case XdrProgramSyntax program:
                    text.Append("program ").Append(program.Name).Append(" {\n");
                    foreach (XdrVersionSyntax version in program.Versions)
                    {
                        text.Append(Indent).Append("version ").Append(version.Name).Append(" {\n");
                        foreach (XdrProcedureSyntax procedure in version.Procedures)
                        {
                            text.Append(Indent).Append(Indent).Append(procedure.Result.Spelling).Append(' ').Append(procedure.Name)
                                .Append('(').Append(string.Join(", ", procedure.Arguments.Select(a => a.Spelling))).Append(") = ")
                                .Append(procedure.Number.Text).Append(";\n");
                        }

                        text.Append(Indent).Append("} = ").Append(version.Number.Text).Append(";\n");
                    }

                    text.Append("} = ").Append(program.Number.Text).Append(";\n");
                    break;
                case XdrPassThroughSyntax line:
                    text.Append('%').Append(line.Text).Append('\n');
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// A short rpcgen-like description of a type, for messages: <c>unsigned int</c>, <c>guestfs_str</c>,
    /// <c>string&lt;32&gt;</c>, <c>opaque[32]</c>, <c>struct foo&lt;&gt;</c>, <c>guestfs_str*</c>.
    /// </summary>
    /// <param name="type">The type.</param>
    /// <returns>The description.</returns>
    public static string FormatType(XdrTypeSpec type)
    {
        if (type.Alias is not null)
        {
            return type.Alias;
        }

        return type.Kind switch
        {
            XdrTypeKind.Optional => BaseName(type.Element) + "*",
            XdrTypeKind.FixedArray => BaseName(type.Element) + "[" + SizeText(type) + "]",
            XdrTypeKind.VariableArray => BaseName(type.Element) + "<" + SizeText(type) + ">",
            XdrTypeKind.String => "string<" + SizeText(type) + ">",
            XdrTypeKind.FixedOpaque => "opaque[" + SizeText(type) + "]",
            XdrTypeKind.VariableOpaque => "opaque<" + SizeText(type) + ">",
            _ => BaseName(type),
        };
    }

    /// <summary>Writes one declaration: <c>type name</c>, <c>type name[n]</c>, <c>type name&lt;n&gt;</c>, <c>type *name</c>, or <c>void</c>.</summary>
    /// <param name="type">The declared (resolved) type.</param>
    /// <param name="name">The declared name.</param>
    /// <returns>The declaration without its <c>;</c>.</returns>
    public static string Declaration(XdrTypeSpec type, string name)
    {
        if (type.Alias is not null)
        {
            return type.Alias + " " + name;
        }

        return type.Kind switch
        {
            XdrTypeKind.Void => "void",
            XdrTypeKind.Optional => BaseName(type.Element) + " *" + name,
            XdrTypeKind.FixedArray => BaseName(type.Element) + " " + name + "[" + SizeText(type) + "]",
            XdrTypeKind.VariableArray => BaseName(type.Element) + " " + name + "<" + SizeText(type) + ">",
            XdrTypeKind.String => "string " + name + "<" + SizeText(type) + ">",
            XdrTypeKind.FixedOpaque => "opaque " + name + "[" + SizeText(type) + "]",
            XdrTypeKind.VariableOpaque => "opaque " + name + "<" + SizeText(type) + ">",
            _ => BaseName(type) + " " + name,
        };
    }

    private static void PrintUnion(StringBuilder text, XdrUnionSpec union)
    {
        text.Append("union ").Append(union.Name).Append(" switch (")
            .Append(Declaration(union.Discriminant.Type, union.Discriminant.Name)).Append(") {\n");
        foreach (XdrUnionArmSpec arm in union.Arms)
        {
            foreach (XdrValueSpec label in arm.Labels)
            {
                text.Append("case ").Append(label.Text).Append(":\n");
            }

            text.Append(Indent).Append(ArmDeclaration(arm)).Append(";\n");
        }

        if (union.Default is not null)
        {
            text.Append("default:\n").Append(Indent).Append(ArmDeclaration(union.Default)).Append(";\n");
        }

        text.Append("};\n");
    }

    private static string ArmDeclaration(XdrUnionArmSpec arm) =>
        arm.Field is null ? "void" : Declaration(arm.Field.Type, arm.Field.Name);

    private static void PrintProgram(StringBuilder text, XdrProgramSpec program)
    {
        text.Append("program ").Append(program.Name).Append(" {\n");
        foreach (XdrVersionSpec version in program.Versions)
        {
            text.Append(Indent).Append("version ").Append(version.Name).Append(" {\n");
            foreach (XdrProcedureSpec procedure in version.Procedures)
            {
                string arguments = procedure.Arguments.Count == 0 ? "void" : string.Join(", ", procedure.Arguments.Select(BaseName));
                text.Append(Indent).Append(Indent).Append(BaseName(procedure.Result)).Append(' ').Append(procedure.Name)
                    .Append('(').Append(arguments).Append(") = ").Append(procedure.Number.Text).Append(";\n");
            }

            text.Append(Indent).Append("} = ").Append(version.Number.Text).Append(";\n");
        }

        text.Append("} = ").Append(program.Number.Text).Append(";\n");
    }

    private static string BaseName(XdrTypeSpec? type)
    {
        if (type is null)
        {
            return "void";
        }

        if (type.Alias is not null)
        {
            return type.Alias;
        }

        if (type.Spelling.Length > 0)
        {
            return type.Spelling;
        }

        return type.Name ?? type.Kind.ToString().ToLowerInvariant();
    }

    private static string SizeText(XdrTypeSpec type) =>
        type.Size is null ? string.Empty : type.Size.Text.Length > 0 ? type.Size.Text : type.Size.Value.ToString(CultureInfo.InvariantCulture);

    private static string Declaration(XdrDeclarationSyntax declaration)
    {
        string type = declaration.Type.Spelling;
        string size = declaration.Size?.Text ?? string.Empty;
        return declaration.Declarator switch
        {
            XdrDeclaratorKind.Void => "void",
            XdrDeclaratorKind.Optional => type + " *" + declaration.Name,
            XdrDeclaratorKind.FixedArray => type + " " + declaration.Name + "[" + size + "]",
            XdrDeclaratorKind.VariableArray => type + " " + declaration.Name + "<" + size + ">",
            _ => type + " " + declaration.Name,
        };
    }
}
