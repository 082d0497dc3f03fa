using System;
using System.Globalization;
using Guestfs.Generator.Helpers;
using Guestfs.Generator.Model;

namespace Guestfs.Generator.Emitting;

/// <summary>
/// Writes the bodies of the generated <c>Encode</c> and <c>Decode</c> methods, field by field, on the runtime's
/// <c>XdrWriter</c>/<c>XdrReader</c>. Field paths of failures are recorded with exception filters calling
/// <c>XdrException.AddPathSegment</c>, which never catch, so the success path pays nothing.
/// </summary>
internal static class CodecCodeBuilder
{
    /// <summary>The C# type for a shape.</summary>
    /// <param name="shape">The shape.</param>
    /// <returns>The C# type name.</returns>
    public static string CsType(XdrShapeSpec shape) => shape.Kind switch
    {
        ShapeKind.Int32 => "int",
        ShapeKind.UInt32 => "uint",
        ShapeKind.Int64 => "long",
        ShapeKind.UInt64 => "ulong",
        ShapeKind.Bool => "bool",
        ShapeKind.Float => "float",
        ShapeKind.Double => "double",
        ShapeKind.Char => "char",
        ShapeKind.String or ShapeKind.UuidString => "string",
        ShapeKind.Opaque or ShapeKind.FixedOpaque => "byte[]",
        ShapeKind.Enum or ShapeKind.Struct => shape.TypeName,
        ShapeKind.VarArray or ShapeKind.FixedArray => "global::System.Collections.Generic.IReadOnlyList<" + CsType(shape.Element!) + ">",
        ShapeKind.Optional => CsType(shape.Element!) + "?",
        ShapeKind.OptPercent => "float?",
        _ => throw new InvalidOperationException("unknown shape " + shape.Kind),
    };

    /// <summary>The body of <c>Decode</c>: reads every field into a local, then constructs the record.</summary>
    /// <param name="codec">The structure.</param>
    /// <returns>The statements, indented for a method body in a type body.</returns>
    public static string DecodeBody(CodecSpec codec)
    {
        var w = new SourceWriter(2);
        if (codec.Fields.Count == 0)
        {
            w.Line("return new " + codec.Name + "();");
            return w.ToString();
        }

        w.Line("string field = \"" + codec.Fields[0].WireName + "\";");
        w.Line("try");
        w.Open();
        bool first = true;
        foreach (CodecFieldSpec field in codec.Fields)
        {
            if (!first)
            {
                w.Line("field = \"" + field.WireName + "\";");
            }

            first = false;
            w.Line(field.CsType + " " + Local(field) + ";");
            Decode(w, field.Shape, Local(field), 0);
        }

        var args = new System.Text.StringBuilder();
        foreach (CodecFieldSpec field in codec.Fields)
        {
            if (args.Length > 0)
            {
                args.Append(", ");
            }

            args.Append(Local(field));
        }

        w.Line("return new " + codec.Name + "(" + args + ");");
        w.Close();
        w.Line("catch (global::Guestfs.Xdr.XdrException e) when (e.AddPathSegment(field))");
        w.Open();
        w.Line("throw;");
        w.Close();
        return w.ToString();
    }

    /// <summary>The body of <c>Encode</c>.</summary>
    /// <param name="codec">The structure.</param>
    /// <returns>The statements.</returns>
    public static string EncodeBody(CodecSpec codec)
    {
        var w = new SourceWriter(2);
        if (codec.Fields.Count == 0)
        {
            return string.Empty;
        }

        w.Line("string field = \"" + codec.Fields[0].WireName + "\";");
        w.Line("try");
        w.Open();
        bool first = true;
        foreach (CodecFieldSpec field in codec.Fields)
        {
            if (!first)
            {
                w.Line("field = \"" + field.WireName + "\";");
            }

            first = false;
            Encode(w, field.Shape, field.PropertyName, 0);
        }

        w.Close();
        w.Line("catch (global::Guestfs.Xdr.XdrException e) when (e.AddPathSegment(field))");
        w.Open();
        w.Line("throw;");
        w.Close();
        return w.ToString();
    }

    private static string Local(CodecFieldSpec field) => "f" + field.PropertyName;

    private static string Max(uint max) => max == uint.MaxValue ? string.Empty : max.ToString(CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Decode(SourceWriter w, XdrShapeSpec s, string target, int depth)
    {
        string d = Int(depth);
        switch (s.Kind)
        {
            case ShapeKind.Int32: w.Line(target + " = reader.ReadInt32();"); break;
            case ShapeKind.UInt32: w.Line(target + " = reader.ReadUInt32();"); break;
            case ShapeKind.Int64: w.Line(target + " = reader.ReadInt64();"); break;
            case ShapeKind.UInt64: w.Line(target + " = reader.ReadUInt64();"); break;
            case ShapeKind.Bool: w.Line(target + " = reader.ReadBool();"); break;
            case ShapeKind.Float: w.Line(target + " = reader.ReadSingle();"); break;
            case ShapeKind.Double: w.Line(target + " = reader.ReadDouble();"); break;
            case ShapeKind.Char: w.Line(target + " = (char)reader.ReadInt32();"); break;
            case ShapeKind.String: w.Line(target + " = reader.ReadString(" + Max(s.Max) + ");"); break;
            case ShapeKind.Opaque: w.Line(target + " = reader.ReadOpaque(" + Max(s.Max) + ");"); break;
            case ShapeKind.FixedOpaque: w.Line(target + " = reader.ReadFixedOpaque(" + Int(s.Length) + ");"); break;
            case ShapeKind.UuidString:
                w.Line(target + " = global::System.Text.Encoding.ASCII.GetString(reader.ReadFixedOpaqueSpan(" + Int(s.Length) + "));");
                break;
            case ShapeKind.OptPercent:
                w.Open();
                w.Line("float percent" + d + " = reader.ReadSingle();");
                w.Line(target + " = percent" + d + " < 0 ? null : percent" + d + ";");
                w.Close();
                break;
            case ShapeKind.Enum: w.Line(target + " = (" + s.TypeName + ")reader.ReadInt32();"); break;
            case ShapeKind.Struct: w.Line(target + " = " + s.TypeName + ".Decode(ref reader);"); break;
            case ShapeKind.VarArray:
            case ShapeKind.FixedArray:
            {
                XdrShapeSpec e = s.Element!;
                string elementType = CsType(e);
                string count = "count" + d;
                string items = "items" + d;
                string i = "i" + d;
                w.Open();
                if (s.Kind == ShapeKind.VarArray)
                {
                    w.Line("int " + count + " = reader.ReadArrayLength(" + (s.Max == uint.MaxValue ? "uint.MaxValue" : Max(s.Max)) + ", " + Int(Math.Max(e.MinSize, 1)) + ");");
                }
                else
                {
                    w.Line("int " + count + " = " + Int(s.Length) + ";");
                }

                w.Line("var " + items + " = " + NewArray(elementType, count) + ";");
                w.Line("for (int " + i + " = 0; " + i + " < " + count + "; " + i + "++)");
                w.Open();
                w.Line("try");
                w.Open();
                Decode(w, e, items + "[" + i + "]", depth + 1);
                w.Close();
                w.Line("catch (global::Guestfs.Xdr.XdrException e" + d + ") when (e" + d + ".AddPathSegment(\"[\" + " + i + ".ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \"]\"))");
                w.Open();
                w.Line("throw;");
                w.Close();
                w.Close();
                w.Line(target + " = " + items + ";");
                w.Close();
                break;
            }

            case ShapeKind.Optional:
            {
                XdrShapeSpec e = s.Element!;
                w.Line("if (reader.ReadOptionalPresent())");
                w.Open();
                string value = "value" + d;
                w.Line(CsType(e) + " " + value + ";");
                Decode(w, e, value, depth + 1);
                w.Line(target + " = " + value + ";");
                w.Close();
                w.Line("else");
                w.Open();
                w.Line(target + " = null;");
                w.Close();
                break;
            }

            default:
                throw new InvalidOperationException("unknown shape " + s.Kind);
        }
    }

    private static string NewArray(string elementType, string count)
    {
        // "new byte[][n]" is the array-of-arrays syntax; any other element type is plain.
        int bracket = elementType.IndexOf('[');
        return bracket < 0
            ? "new " + elementType + "[" + count + "]"
            : "new " + elementType.Substring(0, bracket) + "[" + count + "]" + elementType.Substring(bracket);
    }

    private static void Encode(SourceWriter w, XdrShapeSpec s, string value, int depth)
    {
        string d = Int(depth);
        switch (s.Kind)
        {
            case ShapeKind.Int32: w.Line("writer.WriteInt32(" + value + ");"); break;
            case ShapeKind.UInt32: w.Line("writer.WriteUInt32(" + value + ");"); break;
            case ShapeKind.Int64: w.Line("writer.WriteInt64(" + value + ");"); break;
            case ShapeKind.UInt64: w.Line("writer.WriteUInt64(" + value + ");"); break;
            case ShapeKind.Bool: w.Line("writer.WriteBool(" + value + ");"); break;
            case ShapeKind.Float: w.Line("writer.WriteSingle(" + value + ");"); break;
            case ShapeKind.Double: w.Line("writer.WriteDouble(" + value + ");"); break;
            case ShapeKind.Char: w.Line("writer.WriteInt32(" + value + ");"); break;
            case ShapeKind.String: w.Line("writer.WriteString(" + value + Comma(s.Max) + ");"); break;
            case ShapeKind.Opaque: w.Line("writer.WriteOpaque(" + value + Comma(s.Max) + ");"); break;
            case ShapeKind.FixedOpaque: w.Line("writer.WriteFixedOpaque(" + value + ", " + Int(s.Length) + ");"); break;
            case ShapeKind.UuidString:
                w.Line("writer.WriteFixedOpaque(global::System.Text.Encoding.ASCII.GetBytes(" + value + " ?? string.Empty), " + Int(s.Length) + ");");
                break;
            case ShapeKind.OptPercent: w.Line("writer.WriteSingle(" + value + " ?? -1f);"); break;
            case ShapeKind.Enum: w.Line("writer.WriteInt32((int)" + value + ");"); break;
            case ShapeKind.Struct: w.Line(value + ".Encode(ref writer);"); break;
            case ShapeKind.VarArray:
            case ShapeKind.FixedArray:
            {
                string items = "items" + d;
                string i = "i" + d;
                w.Open();
                w.Line("var " + items + " = " + value + ";");
                if (s.Kind == ShapeKind.VarArray)
                {
                    w.Line("writer.WriteArrayLength(" + items + ".Count" + Comma(s.Max) + ");");
                }
                else
                {
                    w.Line("if (" + items + ".Count != " + Int(s.Length) + ")");
                    w.Open();
                    w.Line("throw new global::Guestfs.Xdr.XdrException(\"fixed-length array needs exactly " + Int(s.Length) + " elements but \" + " + items + ".Count.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \" were given\");");
                    w.Close();
                }

                w.Line("for (int " + i + " = 0; " + i + " < " + items + ".Count; " + i + "++)");
                w.Open();
                w.Line("try");
                w.Open();
                Encode(w, s.Element!, items + "[" + i + "]", depth + 1);
                w.Close();
                w.Line("catch (global::Guestfs.Xdr.XdrException e" + d + ") when (e" + d + ".AddPathSegment(\"[\" + " + i + ".ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \"]\"))");
                w.Open();
                w.Line("throw;");
                w.Close();
                w.Close();
                w.Close();
                break;
            }

            case ShapeKind.Optional:
            {
                // Braces: pattern variables of an if condition belong to the enclosing block.
                string present = "present" + d;
                w.Open();
                w.Line("if (" + value + " is { } " + present + ")");
                w.Open();
                w.Line("writer.WriteOptionalPresent(true);");
                Encode(w, s.Element!, present, depth + 1);
                w.Close();
                w.Line("else");
                w.Open();
                w.Line("writer.WriteOptionalPresent(false);");
                w.Close();
                w.Close();
                break;
            }

            default:
                throw new InvalidOperationException("unknown shape " + s.Kind);
        }
    }

    private static string Comma(uint max) => max == uint.MaxValue ? string.Empty : ", " + Max(max);
}
