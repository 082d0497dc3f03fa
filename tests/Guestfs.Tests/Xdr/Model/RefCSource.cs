using System;
using System.Globalization;
using System.Text;

namespace Guestfs.Tests.Xdr.Model;

/// <summary>
/// Writes a C file defining <c>void ref_build_values(ref_sample_set *set)</c>, which fills the rpcgen
/// structures with the given values, so the reference program encodes exactly what the C# side encodes.
/// Only data crosses over (every integer and float as its bit pattern, every byte as an octal escape);
/// the encoding itself is libtirpc's.
/// </summary>
internal static class RefCSource
{
    public static string Write(RefSampleSet set)
    {
        var c = new StringBuilder();
        c.Append("#include <stdint.h>\n#include <stdlib.h>\n#include <string.h>\n#include \"xdr_reference.h\"\n\n");
        c.Append("void ref_build_values(ref_sample_set *set)\n{\n");
        c.Append("  ref_sample *s;\n  uint32_t f32_bits;\n  uint64_t f64_bits;\n");
        c.Append(CultureInfo.InvariantCulture, $"  set->items.items_len = {set.Items.Length}u;\n");
        c.Append(CultureInfo.InvariantCulture, $"  set->items.items_val = calloc({Math.Max(set.Items.Length, 1)}, sizeof(ref_sample));\n");
        for (int i = 0; i < set.Items.Length; i++)
        {
            RefSample s = set.Items[i];
            c.Append(CultureInfo.InvariantCulture, $"  s = &set->items.items_val[{i}];\n");
            c.Append(CultureInfo.InvariantCulture, $"  s->i32 = (int)0x{(uint)s.I32:x8}u;\n");
            c.Append(CultureInfo.InvariantCulture, $"  s->u32 = 0x{s.U32:x8}u;\n");
            c.Append(CultureInfo.InvariantCulture, $"  s->i64 = (quad_t)0x{(ulong)s.I64:x16}ull;\n");
            c.Append(CultureInfo.InvariantCulture, $"  s->u64 = 0x{s.U64:x16}ull;\n");
            c.Append(CultureInfo.InvariantCulture, $"  s->flag = {(s.Flag ? "TRUE" : "FALSE")};\n");
            c.Append(CultureInfo.InvariantCulture, $"  s->color = (ref_color)(int)0x{(uint)(int)s.Color:x8}u;\n");
            c.Append(CultureInfo.InvariantCulture, $"  f32_bits = 0x{BitConverter.SingleToUInt32Bits(s.F32):x8}u;\n");
            c.Append("  memcpy(&s->f32, &f32_bits, sizeof f32_bits);\n");
            c.Append(CultureInfo.InvariantCulture, $"  f64_bits = 0x{BitConverter.DoubleToUInt64Bits(s.F64):x16}ull;\n");
            c.Append("  memcpy(&s->f64, &f64_bits, sizeof f64_bits);\n");
            c.Append(CultureInfo.InvariantCulture, $"  memcpy(s->fixed_data, {Literal(s.FixedData)}, {RefSample.FixedDataLength});\n");
            c.Append(CultureInfo.InvariantCulture, $"  s->data.data_len = {s.Data.Length}u;\n");
            c.Append(CultureInfo.InvariantCulture, $"  s->data.data_val = (char *){Literal(s.Data)};\n");
            c.Append(CultureInfo.InvariantCulture, $"  s->name = (char *){Literal(s.Name)};\n");
            c.Append(CultureInfo.InvariantCulture, $"  s->text = (char *){Literal(s.Text)};\n");
            for (int j = 0; j < s.FixedInts.Length; j++)
            {
                c.Append(CultureInfo.InvariantCulture, $"  s->fixed_ints[{j}] = (int)0x{(uint)s.FixedInts[j]:x8}u;\n");
            }

            c.Append(CultureInfo.InvariantCulture, $"  s->hypers.hypers_len = {s.Hypers.Length}u;\n");
            c.Append(CultureInfo.InvariantCulture, $"  s->hypers.hypers_val = calloc({Math.Max(s.Hypers.Length, 1)}, sizeof(quad_t));\n");
            for (int j = 0; j < s.Hypers.Length; j++)
            {
                c.Append(CultureInfo.InvariantCulture, $"  s->hypers.hypers_val[{j}] = (quad_t)0x{(ulong)s.Hypers[j]:x16}ull;\n");
            }

            if (s.Maybe is not null)
            {
                c.Append("  s->maybe = calloc(1, sizeof(ref_inner));\n");
                Inner(c, "s->maybe->", s.Maybe);
            }

            c.Append(CultureInfo.InvariantCulture, $"  s->shape.kind = (int)0x{(uint)s.Shape.Kind:x8}u;\n");
            switch (s.Shape.Kind)
            {
                case 0:
                    break;
                case 1:
                    c.Append(CultureInfo.InvariantCulture, $"  s->shape.ref_shape_u.radius = (int)0x{(uint)s.Shape.Radius:x8}u;\n");
                    break;
                case 2:
                    c.Append(CultureInfo.InvariantCulture, $"  s->shape.ref_shape_u.name = (char *){Literal(s.Shape.Name)};\n");
                    break;
                case 3:
                    Inner(c, "s->shape.ref_shape_u.nested.", s.Shape.Nested ?? new RefInner());
                    break;
                default:
                    c.Append(CultureInfo.InvariantCulture, $"  s->shape.ref_shape_u.other = (quad_t)0x{(ulong)s.Shape.Other:x16}ull;\n");
                    break;
            }

            c.Append(CultureInfo.InvariantCulture, $"  s->inners.inners_len = {s.Inners.Length}u;\n");
            c.Append(CultureInfo.InvariantCulture, $"  s->inners.inners_val = calloc({Math.Max(s.Inners.Length, 1)}, sizeof(ref_inner));\n");
            for (int j = 0; j < s.Inners.Length; j++)
            {
                Inner(c, $"s->inners.inners_val[{j}].", s.Inners[j]);
            }
        }

        c.Append("}\n");
        return c.ToString();
    }

    private static void Inner(StringBuilder c, string prefix, RefInner inner)
    {
        c.Append(CultureInfo.InvariantCulture, $"  {prefix}id = (int)0x{(uint)inner.Id:x8}u;\n");
        c.Append(CultureInfo.InvariantCulture, $"  {prefix}label = (char *){Literal(inner.Label)};\n");
    }

    private static string Literal(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("C strings cannot hold NUL characters.", nameof(value));
        }

        return Literal(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>A C string literal of exactly these bytes, each as a three-digit octal escape.</summary>
    private static string Literal(byte[] bytes)
    {
        var text = new StringBuilder(2 + (bytes.Length * 4));
        text.Append('"');
        foreach (byte b in bytes)
        {
            text.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
        }

        return text.Append('"').ToString();
    }
}
