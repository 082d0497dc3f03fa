using System;
using Guestfs.Xdr;

namespace Guestfs.Tests.Xdr.Model;

/// <summary>
/// The struct <c>ref_sample</c> of <c>Reference/xdr_reference.x</c>: one field of every XDR type rpcgen
/// files use, hand-written in the shape generated codecs have.
/// </summary>
internal sealed class RefSample : IXdrEncodable, IXdrDecodable<RefSample>
{
    public const uint MaxData = 32;
    public const uint MaxName = 16;
    public const uint MaxHypers = 4;
    public const int FixedDataLength = 5;
    public const int FixedIntsLength = 3;

    /// <summary>The smallest encoding of one value: every fixed part, and zero lengths for the rest.</summary>
    public const int MinEncodedSize = 92;

    public int I32 { get; init; }

    public uint U32 { get; init; }

    public long I64 { get; init; }

    public ulong U64 { get; init; }

    public bool Flag { get; init; }

    public RefColor Color { get; init; }

    public float F32 { get; init; }

    public double F64 { get; init; }

    public byte[] FixedData { get; init; } = new byte[FixedDataLength];

    public byte[] Data { get; init; } = Array.Empty<byte>();

    public string Name { get; init; } = string.Empty;

    public string Text { get; init; } = string.Empty;

    public int[] FixedInts { get; init; } = new int[FixedIntsLength];

    public long[] Hypers { get; init; } = Array.Empty<long>();

    public RefInner? Maybe { get; init; }

    public RefShape Shape { get; init; } = new();

    public RefInner[] Inners { get; init; } = Array.Empty<RefInner>();

    public static RefSample Decode(ref XdrReader reader)
    {
        string field = "i32";
        try
        {
            int i32 = reader.ReadInt32();
            field = "u32";
            uint u32 = reader.ReadUInt32();
            field = "i64";
            long i64 = reader.ReadInt64();
            field = "u64";
            ulong u64 = reader.ReadUInt64();
            field = "flag";
            bool flag = reader.ReadBool();
            field = "color";
            var color = (RefColor)reader.ReadInt32();
            field = "f32";
            float f32 = reader.ReadSingle();
            field = "f64";
            double f64 = reader.ReadDouble();
            field = "fixed_data";
            byte[] fixedData = reader.ReadFixedOpaque(FixedDataLength);
            field = "data";
            byte[] data = reader.ReadOpaque(MaxData);
            field = "name";
            string name = reader.ReadString(MaxName);
            field = "text";
            string text = reader.ReadString();
            field = "fixed_ints";
            int[] fixedInts = new int[FixedIntsLength];
            for (int i = 0; i < fixedInts.Length; i++)
            {
                fixedInts[i] = reader.ReadInt32();
            }

            field = "hypers";
            long[] hypers = new long[reader.ReadArrayLength(MaxHypers, 8)];
            for (int i = 0; i < hypers.Length; i++)
            {
                hypers[i] = reader.ReadInt64();
            }

            field = "maybe";
            RefInner? maybe = reader.ReadOptionalPresent() ? RefInner.Decode(ref reader) : null;
            field = "shape";
            RefShape shape = RefShape.Decode(ref reader);
            field = "inners";
            var inners = new RefInner[reader.ReadArrayLength(uint.MaxValue, 8)];
            for (int i = 0; i < inners.Length; i++)
            {
                try
                {
                    inners[i] = RefInner.Decode(ref reader);
                }
                catch (XdrException e) when (e.AddPathSegment(XdrPath.Index(i)))
                {
                    throw;
                }
            }

            return new RefSample
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
        }
        catch (XdrException e) when (e.AddPathSegment(field))
        {
            throw;
        }
    }

    public void Encode(ref XdrWriter writer)
    {
        string field = "i32";
        try
        {
            writer.WriteInt32(I32);
            field = "u32";
            writer.WriteUInt32(U32);
            field = "i64";
            writer.WriteInt64(I64);
            field = "u64";
            writer.WriteUInt64(U64);
            field = "flag";
            writer.WriteBool(Flag);
            field = "color";
            writer.WriteInt32((int)Color);
            field = "f32";
            writer.WriteSingle(F32);
            field = "f64";
            writer.WriteDouble(F64);
            field = "fixed_data";
            writer.WriteFixedOpaque(FixedData, FixedDataLength);
            field = "data";
            writer.WriteOpaque(Data, MaxData);
            field = "name";
            writer.WriteString(Name, MaxName);
            field = "text";
            writer.WriteString(Text);
            field = "fixed_ints";
            if (FixedInts.Length != FixedIntsLength)
            {
                throw new XdrException($"fixed array needs exactly {FixedIntsLength} elements but {FixedInts.Length} were given");
            }

            foreach (int value in FixedInts)
            {
                writer.WriteInt32(value);
            }

            field = "hypers";
            writer.WriteArrayLength(Hypers.Length, MaxHypers);
            foreach (long value in Hypers)
            {
                writer.WriteInt64(value);
            }

            field = "maybe";
            writer.WriteOptionalPresent(Maybe is not null);
            Maybe?.Encode(ref writer);
            field = "shape";
            Shape.Encode(ref writer);
            field = "inners";
            writer.WriteArrayLength(Inners.Length);
            for (int i = 0; i < Inners.Length; i++)
            {
                try
                {
                    Inners[i].Encode(ref writer);
                }
                catch (XdrException e) when (e.AddPathSegment(XdrPath.Index(i)))
                {
                    throw;
                }
            }
        }
        catch (XdrException e) when (e.AddPathSegment(field))
        {
            throw;
        }
    }
}
