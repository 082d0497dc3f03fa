using System;
using System.Linq;

namespace Guestfs.Tests.Xdr.Model;

/// <summary>Hand-picked values for the reference comparison: extremes, negatives, empty and maximal
/// strings, odd-length opaques, optional data present and absent, and every arm of the union.</summary>
internal static class RefValues
{
    public static RefSampleSet EdgeCases() => new()
    {
        Items =
        [
            new RefSample
            {
                I32 = int.MinValue,
                U32 = 0,
                I64 = long.MinValue,
                U64 = 0,
                Flag = false,
                Color = RefColor.Negative,
                F32 = -0.0f,
                F64 = double.NegativeInfinity,
                FixedData = [0, 1, 2, 3, 4],
                Data = [],
                Name = string.Empty,
                Text = string.Empty,
                FixedInts = [int.MinValue, -1, 0],
                Hypers = [],
                Maybe = null,
                Shape = new RefShape { Kind = 0 },
                Inners = [],
            },
            new RefSample
            {
                I32 = int.MaxValue,
                U32 = uint.MaxValue,
                I64 = long.MaxValue,
                U64 = ulong.MaxValue,
                Flag = true,
                Color = RefColor.Blue,
                F32 = float.MaxValue,
                F64 = BitConverter.UInt64BitsToDouble(0x7FF8_0000_0000_0001),
                FixedData = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
                Data = Enumerable.Range(0, (int)RefSample.MaxData).Select(i => (byte)(255 - i)).ToArray(),
                Name = "abcdefghijklmnop",
                Text = string.Concat(Enumerable.Repeat("0123456789", 100)) + "\u00e9",
                FixedInts = [int.MaxValue, 1, 2],
                Hypers = [long.MinValue, -1, 0, long.MaxValue],
                Maybe = new RefInner { Id = -7, Label = string.Empty },
                Shape = new RefShape { Kind = 1, Radius = -42 },
                Inners =
                [
                    new RefInner { Id = 0, Label = "a" },
                    new RefInner { Id = -1, Label = "ab" },
                    new RefInner { Id = 1, Label = "abc" },
                ],
            },
            new RefSample
            {
                I32 = -1,
                U32 = 0x8000_0000,
                I64 = -1,
                U64 = 0x8000_0000_0000_0000,
                Flag = true,
                Color = RefColor.Red,
                F32 = BitConverter.UInt32BitsToSingle(0x7FC0_0001),
                F64 = -0.0,
                FixedData = [0x80, 0, 0, 0, 0x01],
                Data = [0xAB],
                Name = "\u00e9",
                Text = "\u65e5\u672c\u8a9e",
                FixedInts = [0, 0, 0],
                Hypers = [-2],
                Maybe = new RefInner { Id = 3, Label = "x" },
                Shape = new RefShape { Kind = 2, Name = "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9" },
                Inners = [new RefInner { Id = int.MinValue, Label = "\U0001F642" }],
            },
            new RefSample
            {
                I32 = -123456789,
                U32 = 1,
                I64 = -4_294_967_296,
                U64 = 4_294_967_296,
                Color = RefColor.Green,
                F32 = float.Epsilon,
                F64 = 1.0 / 3.0,
                Data = [1, 2, 3],
                Name = "0123456789abcde",
                Text = "\U0001F642 tab\there",
                Hypers = [1, 2, 3],
                Shape = new RefShape { Kind = 3, Nested = new RefInner { Id = -99, Label = "nested" } },
            },
            new RefSample
            {
                I32 = 5,
                F32 = float.NegativeInfinity,
                F64 = double.Epsilon,
                Data = [9, 8, 7, 6, 5],
                Name = "z",
                Text = "odd",
                Shape = new RefShape { Kind = -1, Other = long.MinValue },
            },
            new RefSample
            {
                Data = Enumerable.Range(1, 31).Select(i => (byte)i).ToArray(),
                Shape = new RefShape { Kind = 7, Other = 1234567890123 },
            },
        ],
    };
}
