using System;
using System.Text;
using CsCheck;

namespace Guestfs.Tests.Xdr.Model;

/// <summary>CsCheck generators for the reference model and for valid Unicode text.</summary>
internal static class RefGen
{
    /// <summary>Any Unicode scalar value except NUL (C strings cannot carry it), weighted towards ASCII.</summary>
    public static readonly Gen<int> ScalarWithoutNul = Gen.Frequency(
        (6, Gen.Int[0x20, 0x7E]),
        (1, Gen.Int[0x01, 0x7F]),
        (2, Gen.Int[0x80, 0xD7FF]),
        (1, Gen.Int[0xE000, 0xFFFF]),
        (1, Gen.Int[0x10000, 0x10FFFF]));

    /// <summary>Any Unicode scalar value, NUL included.</summary>
    public static readonly Gen<int> Scalar = Gen.Frequency((1, Gen.Const(0)), (20, ScalarWithoutNul));

    /// <summary>A string in the declared maximum of <c>string&lt;16&gt;</c>: up to 16 ASCII bytes, or up to four
    /// scalars of at most four UTF-8 bytes each.</summary>
    public static readonly Gen<string> Name = Gen.Frequency(
        (1, Gen.Char[' ', '~'].Array[0, 16].Select(chars => new string(chars))),
        (1, Gen.Const("0123456789abcdef")),
        (1, Text(ScalarWithoutNul, 4)));

    public static readonly Gen<RefInner> Inner =
        Gen.Select(Gen.Int, Text(ScalarWithoutNul, 8), (id, label) => new RefInner { Id = id, Label = label });

    public static readonly Gen<RefShape> Shape = Gen.Frequency(
        (1, Gen.Const(() => new RefShape { Kind = 0 })),
        (1, Gen.Int.Select(radius => new RefShape { Kind = 1, Radius = radius })),
        (1, Name.Select(name => new RefShape { Kind = 2, Name = name })),
        (1, Inner.Select(nested => new RefShape { Kind = 3, Nested = nested })),
        (1, Gen.Select(Gen.Int.Where(kind => kind is < 0 or > 3), Gen.Long, (kind, other) => new RefShape { Kind = kind, Other = other })));

    public static readonly Gen<float> AnySingle = Gen.UInt.Select(BitConverter.UInt32BitsToSingle);

    public static readonly Gen<double> AnyDouble = Gen.ULong.Select(BitConverter.UInt64BitsToDouble);

    public static readonly Gen<RefSample> Sample =
        from i32 in Gen.Int
        from u32 in Gen.UInt
        from i64 in Gen.Long
        from u64 in Gen.ULong
        from flag in Gen.Bool
        from color in Gen.OneOfConst(RefColor.Red, RefColor.Green, RefColor.Blue, RefColor.Negative)
        from f32 in AnySingle
        from f64 in AnyDouble
        from fixedData in Gen.Byte.Array[RefSample.FixedDataLength]
        from data in Gen.Byte.Array[0, (int)RefSample.MaxData]
        from name in Name
        from text in Text(ScalarWithoutNul, 40)
        from fixedInts in Gen.Int.Array[RefSample.FixedIntsLength]
        from hypers in Gen.Long.Array[0, (int)RefSample.MaxHypers]
        from maybe in Inner.Null()
        from shape in Shape
        from inners in Inner.Array[0, 3]
        select new RefSample
        {
            I32 = i32,
            U32 = u32,
            I64 = i64,
            U64 = u64,
            Flag = flag,
            Color = color,
            F32 = f32,
            F64 = f64,
            FixedData = fixedData,
            Data = data,
            Name = name,
            Text = text,
            FixedInts = fixedInts,
            Hypers = hypers,
            Maybe = maybe,
            Shape = shape,
            Inners = inners,
        };

    public static readonly Gen<RefSampleSet> SampleSet = Sample.Array[0, 6].Select(items => new RefSampleSet { Items = items });

    /// <summary>Strings of up to <paramref name="maxScalars"/> scalars drawn from <paramref name="scalar"/>.</summary>
    public static Gen<string> Text(Gen<int> scalar, int maxScalars) => scalar.Array[0, maxScalars].Select(scalars =>
    {
        var text = new StringBuilder(scalars.Length * 2);
        foreach (int value in scalars)
        {
            text.Append(new Rune(value).ToString());
        }

        return text.ToString();
    });
}
