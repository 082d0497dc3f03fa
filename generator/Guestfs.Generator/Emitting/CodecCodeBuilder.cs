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

    /// <summary>One expression that reads a value of <paramref name="shape"/> from <c>reader</c>.</summary>
    /// <param name="shape">The shape (not <see cref="ShapeKind.OptPercent"/>).</param>
    /// <returns>The expression.</returns>
    public static string ReadExpression(XdrShapeSpec shape) => DecodeExpression(shape, "reader", 0);

    /// <summary>One expression that writes <paramref name="value"/> of <paramref name="shape"/> to <c>writer</c>.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="value">The value expression.</param>
    /// <returns>The expression.</returns>
    public static string WriteExpression(XdrShapeSpec shape, string value) => EncodeExpression(shape, "writer", value, 0);

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
            case ShapeKind.Optional:
                w.Line(target + " = " + DecodeExpression(s, "reader", depth) + ";");
                break;

            default:
                throw new InvalidOperationException("unknown shape " + s.Kind);
        }
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
            case ShapeKind.Optional:
                w.Line(EncodeExpression(s, "writer", value, depth) + ";");
                break;

            default:
                throw new InvalidOperationException("unknown shape " + s.Kind);
        }
    }

    private static string Comma(uint max) => max == uint.MaxValue ? string.Empty : ", " + Max(max);

    /// <summary>
    /// One expression that reads a value of the shape with <paramref name="reader"/>: arrays and optional data go
    /// through the reader's helpers with an element delegate (a static lambda, or a structure's <c>Decode</c>).
    /// </summary>
    private static string DecodeExpression(XdrShapeSpec s, string reader, int depth) => s.Kind switch
    {
        ShapeKind.Int32 => reader + ".ReadInt32()",
        ShapeKind.UInt32 => reader + ".ReadUInt32()",
        ShapeKind.Int64 => reader + ".ReadInt64()",
        ShapeKind.UInt64 => reader + ".ReadUInt64()",
        ShapeKind.Bool => reader + ".ReadBool()",
        ShapeKind.Float => reader + ".ReadSingle()",
        ShapeKind.Double => reader + ".ReadDouble()",
        ShapeKind.Char => "(char)" + reader + ".ReadInt32()",
        ShapeKind.String => reader + ".ReadString(" + Max(s.Max) + ")",
        ShapeKind.Opaque => reader + ".ReadOpaque(" + Max(s.Max) + ")",
        ShapeKind.FixedOpaque => reader + ".ReadFixedOpaque(" + Int(s.Length) + ")",
        ShapeKind.UuidString => "global::System.Text.Encoding.ASCII.GetString(" + reader + ".ReadFixedOpaqueSpan(" + Int(s.Length) + "))",
        ShapeKind.Enum => "(" + s.TypeName + ")" + reader + ".ReadInt32()",
        ShapeKind.Struct => s.TypeName + ".Decode(ref " + reader + ")",
        ShapeKind.VarArray => reader + ".ReadArray(" + ElementReader(s.Element!, depth) + Comma(s.Max) + (s.Element!.MinSize > 4 ? (s.Max == uint.MaxValue ? ", uint.MaxValue" : string.Empty) + ", " + Int(s.Element!.MinSize) : string.Empty) + ")",
        ShapeKind.FixedArray => reader + ".ReadFixedArray(" + Int(s.Length) + ", " + ElementReader(s.Element!, depth) + ")",
        ShapeKind.Optional => reader + (IsValueType(s.Element!) ? ".ReadOptionalValue(" : ".ReadOptional(") + ElementReader(s.Element!, depth) + ")",
        _ => throw new InvalidOperationException("unknown shape " + s.Kind),
    };

    /// <summary>One expression that writes <paramref name="value"/> of the shape with <paramref name="writer"/>.</summary>
    private static string EncodeExpression(XdrShapeSpec s, string writer, string value, int depth) => s.Kind switch
    {
        ShapeKind.Int32 or ShapeKind.Char => writer + ".WriteInt32(" + value + ")",
        ShapeKind.UInt32 => writer + ".WriteUInt32(" + value + ")",
        ShapeKind.Int64 => writer + ".WriteInt64(" + value + ")",
        ShapeKind.UInt64 => writer + ".WriteUInt64(" + value + ")",
        ShapeKind.Bool => writer + ".WriteBool(" + value + ")",
        ShapeKind.Float => writer + ".WriteSingle(" + value + ")",
        ShapeKind.Double => writer + ".WriteDouble(" + value + ")",
        ShapeKind.String => writer + ".WriteString(" + value + Comma(s.Max) + ")",
        ShapeKind.Opaque => writer + ".WriteOpaque(" + value + Comma(s.Max) + ")",
        ShapeKind.FixedOpaque => writer + ".WriteFixedOpaque(" + value + ", " + Int(s.Length) + ")",
        ShapeKind.UuidString => writer + ".WriteFixedOpaque(global::System.Text.Encoding.ASCII.GetBytes(" + value + " ?? string.Empty), " + Int(s.Length) + ")",
        ShapeKind.OptPercent => writer + ".WriteSingle(" + value + " ?? -1f)",
        ShapeKind.Enum => writer + ".WriteInt32((int)" + value + ")",
        ShapeKind.Struct => value + ".Encode(ref " + writer + ")",
        ShapeKind.VarArray => writer + ".WriteArray(" + value + ", " + ElementWriter(s.Element!, depth) + Comma(s.Max) + ")",
        ShapeKind.FixedArray => writer + ".WriteFixedArray(" + value + ", " + Int(s.Length) + ", " + ElementWriter(s.Element!, depth) + ")",
        ShapeKind.Optional => writer + (IsValueType(s.Element!) ? ".WriteOptionalValue(" : ".WriteOptional(") + value + ", " + ElementWriter(s.Element!, depth) + ")",
        _ => throw new InvalidOperationException("unknown shape " + s.Kind),
    };

    private static string ElementReader(XdrShapeSpec e, int depth)
    {
        string r = "r" + Int(depth);
        return e.Kind == ShapeKind.Struct
            ? e.TypeName + ".Decode"
            : "static (ref global::Guestfs.Xdr.XdrReader " + r + ") => " + DecodeExpression(e, r, depth + 1);
    }

    private static string ElementWriter(XdrShapeSpec e, int depth)
    {
        string w = "w" + Int(depth);
        string v = "v" + Int(depth);
        return "static (ref global::Guestfs.Xdr.XdrWriter " + w + ", " + XdrShapeSpec.CsTypeOf(e) + " " + v + ") => " + EncodeExpression(e, w, v, depth + 1);
    }

    /// <summary>Whether the C# type of a shape is a value type (its optional form is <c>Nullable&lt;T&gt;</c>).</summary>
    private static bool IsValueType(XdrShapeSpec s) => s.Kind is ShapeKind.Int32 or ShapeKind.UInt32 or ShapeKind.Int64 or ShapeKind.UInt64
        or ShapeKind.Bool or ShapeKind.Float or ShapeKind.Double or ShapeKind.Char or ShapeKind.Enum or ShapeKind.OptPercent;
}
