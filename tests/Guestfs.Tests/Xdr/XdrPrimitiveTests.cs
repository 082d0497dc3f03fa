using System;
using System.Text;
using CsCheck;
using Guestfs.Tests.Xdr.Model;
using Guestfs.Xdr;

namespace Guestfs.Tests.Xdr;

/// <summary>Round trips and wire layout of every XDR primitive, property-based with CsCheck.</summary>
public class XdrPrimitiveTests
{
    private delegate void Write(ref XdrWriter writer);

    [Fact]
    public void WriteInt32_AnyValue_FourBigEndianBytesThatReadBack()
    {
        Gen.Int.Sample(value =>
        {
            byte[] bytes = Encode((ref XdrWriter w) => w.WriteInt32(value));
            Assert.Equal(BigEndian((uint)value, 4), bytes);
            var reader = new XdrReader(bytes);
            Assert.Equal(value, reader.ReadInt32());
            Assert.Equal(4, reader.Position);
        });
    }

    [Fact]
    public void WriteUInt32_AnyValue_FourBigEndianBytesThatReadBack()
    {
        Gen.UInt.Sample(value =>
        {
            byte[] bytes = Encode((ref XdrWriter w) => w.WriteUInt32(value));
            Assert.Equal(BigEndian(value, 4), bytes);
            var reader = new XdrReader(bytes);
            Assert.Equal(value, reader.ReadUInt32());
            Assert.Equal(0, reader.Remaining);
        });
    }

    [Fact]
    public void WriteInt64_AnyValue_EightBigEndianBytesThatReadBack()
    {
        Gen.Long.Sample(value =>
        {
            byte[] bytes = Encode((ref XdrWriter w) => w.WriteInt64(value));
            Assert.Equal(BigEndian((ulong)value, 8), bytes);
            var reader = new XdrReader(bytes);
            Assert.Equal(value, reader.ReadInt64());
            Assert.Equal(0, reader.Remaining);
        });
    }

    [Fact]
    public void WriteUInt64_AnyValue_EightBigEndianBytesThatReadBack()
    {
        Gen.ULong.Sample(value =>
        {
            byte[] bytes = Encode((ref XdrWriter w) => w.WriteUInt64(value));
            Assert.Equal(BigEndian(value, 8), bytes);
            var reader = new XdrReader(bytes);
            Assert.Equal(value, reader.ReadUInt64());
            Assert.Equal(0, reader.Remaining);
        });
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public void WriteBool_Value_IntegerZeroOrOneThatReadsBack(bool value, int wire)
    {
        byte[] bytes = Encode((ref XdrWriter w) => w.WriteBool(value));
        Assert.Equal(BigEndian((uint)wire, 4), bytes);
        var reader = new XdrReader(bytes);
        Assert.Equal(value, reader.ReadBool());
    }

    [Fact]
    public void WriteEnum_AnyMember_SignedIntegerThatReadsBack()
    {
        Gen.Enum<RefColor>().Sample(value =>
        {
            byte[] bytes = Encode((ref XdrWriter w) => w.WriteInt32((int)value));
            Assert.Equal(BigEndian((uint)(int)value, 4), bytes);
            var reader = new XdrReader(bytes);
            Assert.Equal(value, (RefColor)reader.ReadInt32());
        });
    }

    [Fact]
    public void WriteSingle_AnyBitPattern_IeeeBitsBigEndianThatReadBack()
    {
        Gen.UInt.Sample(bits =>
        {
            float value = BitConverter.UInt32BitsToSingle(bits);
            byte[] bytes = Encode((ref XdrWriter w) => w.WriteSingle(value));
            Assert.Equal(BigEndian(bits, 4), bytes);
            var reader = new XdrReader(bytes);
            Assert.Equal(bits, BitConverter.SingleToUInt32Bits(reader.ReadSingle()));
        });
    }

    [Fact]
    public void WriteDouble_AnyBitPattern_IeeeBitsBigEndianThatReadBack()
    {
        Gen.ULong.Sample(bits =>
        {
            double value = BitConverter.UInt64BitsToDouble(bits);
            byte[] bytes = Encode((ref XdrWriter w) => w.WriteDouble(value));
            Assert.Equal(BigEndian(bits, 8), bytes);
            var reader = new XdrReader(bytes);
            Assert.Equal(bits, BitConverter.DoubleToUInt64Bits(reader.ReadDouble()));
        });
    }

    [Fact]
    public void WriteFixedOpaque_AnyBytes_DataThenZeroPaddingToFourThatReadsBack()
    {
        Gen.Byte.Array[0, 41].Sample(data =>
        {
            byte[] bytes = Encode((ref XdrWriter w) => w.WriteFixedOpaque(data, data.Length));
            Assert.Equal(Padded(data.Length), bytes.Length);
            Assert.Equal(data, bytes[..data.Length]);
            Assert.All(bytes[data.Length..], b => Assert.Equal(0, b));
            var reader = new XdrReader(bytes);
            Assert.Equal(data, reader.ReadFixedOpaque(data.Length));
            Assert.Equal(0, reader.Remaining);
        });
    }

    [Fact]
    public void WriteOpaque_AnyBytesWithinMaximum_LengthDataPaddingThatReadsBack()
    {
        Gen.Select(Gen.Byte.Array[0, 41], Gen.UInt[0, 48]).Sample((data, max) =>
        {
            if (data.Length > max)
            {
                var ex = Assert.Throws<XdrException>(() => Encode((ref XdrWriter w) => w.WriteOpaque(data, max)));
                Assert.Contains("maximum", ex.Message, StringComparison.Ordinal);
                return;
            }

            byte[] bytes = Encode((ref XdrWriter w) => w.WriteOpaque(data, max));
            Assert.Equal(4 + Padded(data.Length), bytes.Length);
            Assert.Equal(BigEndian((uint)data.Length, 4), bytes[..4]);
            Assert.Equal(data, bytes[4..(4 + data.Length)]);
            Assert.All(bytes[(4 + data.Length)..], b => Assert.Equal(0, b));
            var reader = new XdrReader(bytes);
            Assert.Equal(data, reader.ReadOpaque(max));
            Assert.Equal(0, reader.Remaining);
        });
    }

    [Fact]
    public void ReadOpaqueSpan_AnyBytes_SlicesTheInputWithoutCopying()
    {
        Gen.Byte.Array[1, 20].Sample(data =>
        {
            byte[] bytes = Encode((ref XdrWriter w) => w.WriteOpaque(data));
            var reader = new XdrReader(bytes);
            ReadOnlySpan<byte> span = reader.ReadOpaqueSpan();
            Assert.True(span.SequenceEqual(data));
            Assert.True(span.Overlaps(bytes));
        });
    }

    [Fact]
    public void WriteString_AnyUnicodeText_Utf8LengthDataPaddingThatReadsBack()
    {
        RefGen.Text(RefGen.Scalar, 30).Sample(text =>
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            byte[] bytes = Encode((ref XdrWriter w) => w.WriteString(text));
            Assert.Equal(4 + Padded(utf8.Length), bytes.Length);
            Assert.Equal(BigEndian((uint)utf8.Length, 4), bytes[..4]);
            Assert.Equal(utf8, bytes[4..(4 + utf8.Length)]);
            Assert.All(bytes[(4 + utf8.Length)..], b => Assert.Equal(0, b));
            var reader = new XdrReader(bytes);
            Assert.Equal(text, reader.ReadString());
            Assert.Equal(0, reader.Remaining);
        });
    }

    [Fact]
    public void WriteString_MaximumCountsUtf8Bytes_ThrowsOnlyAboveIt()
    {
        Gen.Select(RefGen.Text(RefGen.Scalar, 12), Gen.UInt[0, 40]).Sample((text, max) =>
        {
            int length = Encoding.UTF8.GetByteCount(text);
            if (length > max)
            {
                var ex = Assert.Throws<XdrException>(() => Encode((ref XdrWriter w) => w.WriteString(text, max)));
                Assert.Contains($"string length {length} exceeds the declared maximum {max}", ex.Message, StringComparison.Ordinal);
            }
            else
            {
                byte[] bytes = Encode((ref XdrWriter w) => w.WriteString(text, max));
                var reader = new XdrReader(bytes);
                Assert.Equal(text, reader.ReadString(max));
            }
        });
    }

    [Fact]
    public void ReadString_LengthAboveMaximum_ThrowsBeforeReadingData()
    {
        byte[] bytes = Encode((ref XdrWriter w) => w.WriteString("twelve bytes"));

        var ex = Assert.Throws<XdrException>(() =>
        {
            var reader = new XdrReader(bytes);
            reader.ReadString(11);
        });

        Assert.Equal(0, ex.Offset);
        Assert.Contains("exceeds the declared maximum 11", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteString_Null_WrittenAsEmpty()
    {
        Assert.Equal(new byte[4], Encode((ref XdrWriter w) => w.WriteString(null)));
    }

    [Fact]
    public void WriteString_OddLength_PadsWithZeros()
    {
        byte[] bytes = Encode((ref XdrWriter w) => w.WriteString("abcde"));
        Assert.Equal(new byte[] { 0, 0, 0, 5, (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', 0, 0, 0 }, bytes);
    }

    [Fact]
    public void WriteOptional_PresentOrAbsent_FlagThenValueThatReadsBack()
    {
        Gen.Int.Nullable().Sample(value =>
        {
            byte[] bytes = Encode((ref XdrWriter w) =>
            {
                w.WriteOptionalPresent(value.HasValue);
                if (value.HasValue)
                {
                    w.WriteInt32(value.Value);
                }
            });
            Assert.Equal(value.HasValue ? 8 : 4, bytes.Length);
            Assert.Equal(BigEndian(value.HasValue ? 1u : 0u, 4), bytes[..4]);
            var reader = new XdrReader(bytes);
            int? read = reader.ReadOptionalPresent() ? reader.ReadInt32() : null;
            Assert.Equal(value, read);
        });
    }

    [Fact]
    public void WriteArray_VariableWithinMaximum_CountThenElementsThatReadBack()
    {
        Gen.Select(Gen.Long.Array[0, 10], Gen.UInt[0, 12]).Sample((values, max) =>
        {
            if (values.Length > max)
            {
                Assert.Throws<XdrException>(() => Encode((ref XdrWriter w) => w.WriteArrayLength(values.Length, max)));
                return;
            }

            byte[] bytes = Encode((ref XdrWriter w) =>
            {
                w.WriteArrayLength(values.Length, max);
                foreach (long value in values)
                {
                    w.WriteInt64(value);
                }
            });
            Assert.Equal(4 + (8 * values.Length), bytes.Length);
            var reader = new XdrReader(bytes);
            long[] read = new long[reader.ReadArrayLength(max, 8)];
            for (int i = 0; i < read.Length; i++)
            {
                read[i] = reader.ReadInt64();
            }

            Assert.Equal(values, read);
            Assert.Equal(0, reader.Remaining);
        });
    }

    [Fact]
    public void WriteArray_Fixed_ElementsWithoutCountThatReadBack()
    {
        Gen.Int.Array[3].Sample(values =>
        {
            byte[] bytes = Encode((ref XdrWriter w) =>
            {
                foreach (int value in values)
                {
                    w.WriteInt32(value);
                }
            });
            Assert.Equal(12, bytes.Length);
            var reader = new XdrReader(bytes);
            Assert.Equal(values, new[] { reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32() });
        });
    }

    [Fact]
    public void BytesWritten_AfterAnyPrimitives_EqualsTheOutputLength()
    {
        Gen.Select(Gen.Int, Gen.Byte.Array[0, 9], RefGen.Text(RefGen.Scalar, 5)).Sample((number, data, text) =>
        {
            using var buffer = new PooledBufferWriter(64);
            var writer = new XdrWriter(buffer);
            writer.WriteInt32(number);
            writer.WriteOpaque(data);
            writer.WriteString(text);
            writer.WriteUInt64(1);
            Assert.Equal(buffer.WrittenCount, writer.BytesWritten);
            Assert.Equal(4 + 4 + Padded(data.Length) + 4 + Padded(Encoding.UTF8.GetByteCount(text)) + 8, buffer.WrittenCount);
        });
    }

    [Fact]
    public void PooledBufferWriter_ManyWritesPastInitialCapacity_KeepsEveryByte()
    {
        Gen.Int.Array[1, 2000].Sample(values =>
        {
            using var buffer = new PooledBufferWriter(1);
            var writer = new XdrWriter(buffer);
            foreach (int value in values)
            {
                writer.WriteInt32(value);
            }

            var reader = new XdrReader(buffer.WrittenSpan);
            foreach (int value in values)
            {
                Assert.Equal(value, reader.ReadInt32());
            }

            reader.ExpectEnd();
        });
    }

    private static byte[] Encode(Write write)
    {
        using var buffer = new PooledBufferWriter(16);
        var writer = new XdrWriter(buffer);
        write(ref writer);
        return buffer.WrittenSpan.ToArray();
    }

    private static int Padded(int length) => (length + 3) / 4 * 4;

    /// <summary>The big-endian bytes of <paramref name="value"/>, computed by shifting (independently of the codec).</summary>
    private static byte[] BigEndian(ulong value, int size)
    {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++)
        {
            bytes[i] = (byte)(value >> (8 * (size - 1 - i)));
        }

        return bytes;
    }
}
