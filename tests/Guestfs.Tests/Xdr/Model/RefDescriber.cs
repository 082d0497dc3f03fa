using System;
using System.Globalization;
using System.Text;

namespace Guestfs.Tests.Xdr.Model;

/// <summary>
/// Prints a <see cref="RefSampleSet"/> as "path=value" lines, exactly as the reference C program's
/// <c>decode</c> mode prints what libtirpc decoded: strings and opaques as lower-case hex of their bytes
/// (strings as UTF-8), floats as their IEEE bit patterns. Two values are equal when their descriptions are.
/// </summary>
internal static class RefDescriber
{
    public static string Describe(RefSampleSet set)
    {
        var text = new StringBuilder();
        Line(text, "items.count", set.Items.Length);
        for (int i = 0; i < set.Items.Length; i++)
        {
            Describe(text, $"items[{i}]", set.Items[i]);
        }

        return text.ToString();
    }

    public static string Describe(RefSample sample)
    {
        var text = new StringBuilder();
        Describe(text, "sample", sample);
        return text.ToString();
    }

    private static void Describe(StringBuilder text, string path, RefSample s)
    {
        Line(text, path + ".i32", s.I32);
        Line(text, path + ".u32", s.U32);
        Line(text, path + ".i64", s.I64);
        Line(text, path + ".u64", s.U64);
        Line(text, path + ".flag", s.Flag ? 1 : 0);
        Line(text, path + ".color", (int)s.Color);
        Line(text, path + ".f32", BitConverter.SingleToUInt32Bits(s.F32).ToString("x8", CultureInfo.InvariantCulture));
        Line(text, path + ".f64", BitConverter.DoubleToUInt64Bits(s.F64).ToString("x16", CultureInfo.InvariantCulture));
        Line(text, path + ".fixed_data", Convert.ToHexStringLower(s.FixedData));
        Line(text, path + ".data", Convert.ToHexStringLower(s.Data));
        Line(text, path + ".name", Hex(s.Name));
        Line(text, path + ".text", Hex(s.Text));
        Line(text, path + ".fixed_ints", string.Join(",", s.FixedInts));
        Line(text, path + ".hypers", string.Join(",", s.Hypers));
        if (s.Maybe is null)
        {
            Line(text, path + ".maybe", "absent");
        }
        else
        {
            Describe(text, path + ".maybe", s.Maybe);
        }

        Line(text, path + ".shape.kind", s.Shape.Kind);
        switch (s.Shape.Kind)
        {
            case 0:
                break;
            case 1:
                Line(text, path + ".shape.radius", s.Shape.Radius);
                break;
            case 2:
                Line(text, path + ".shape.name", Hex(s.Shape.Name));
                break;
            case 3:
                Describe(text, path + ".shape.nested", s.Shape.Nested ?? new RefInner());
                break;
            default:
                Line(text, path + ".shape.other", s.Shape.Other);
                break;
        }

        Line(text, path + ".inners.count", s.Inners.Length);
        for (int i = 0; i < s.Inners.Length; i++)
        {
            Describe(text, $"{path}.inners[{i}]", s.Inners[i]);
        }
    }

    private static void Describe(StringBuilder text, string path, RefInner inner)
    {
        Line(text, path + ".id", inner.Id);
        Line(text, path + ".label", Hex(inner.Label));
    }

    private static string Hex(string value) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(value));

    private static void Line(StringBuilder text, string path, IFormattable value) =>
        Line(text, path, value.ToString(null, CultureInfo.InvariantCulture));

    private static void Line(StringBuilder text, string path, string value) =>
        text.Append(path).Append('=').Append(value).Append('\n');
}
