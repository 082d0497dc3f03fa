using System;
using System.Buffers.Binary;
using CsCheck;
using Guestfs.Tests.Xdr.Model;
using Guestfs.Xdr;

namespace Guestfs.Tests.Xdr;

/// <summary>
/// Hostile and broken input: every problem is an <see cref="XdrException"/> naming the field and the byte
/// offset, found before anything is allocated for the claimed size.
/// </summary>
/// <remarks>
/// Offsets in a set holding one default <see cref="RefSample"/>: count 0, i32 4, flag 28, fixed_data 48
/// (padding from 53), data 56, name 60, text 64, fixed_ints 68, hypers 80, maybe 84, shape 88, inners 92, end 96.
/// </remarks>
public class XdrMalformedInputTests
{
    private const int MaxHostileAllocation = 1024;

    private static readonly byte[] s_oneDefaultSample = XdrTestCodec.Encode(new RefSampleSet { Items = [new RefSample()] });

    private delegate void Read(ref XdrReader reader);

    [Fact]
    public void Decode_TruncatedAtEveryOffset_ThrowsXdrExceptionInsideTheInput()
    {
        byte[] valid = XdrTestCodec.Encode(RefValues.EdgeCases());
        long fullDecode = Allocated(() => XdrTestCodec.Decode<RefSampleSet>(valid));

        for (int length = 0; length < valid.Length; length++)
        {
            byte[] truncated = valid[..length];
            XdrException? ex = null;
            long allocated = Allocated(() => ex = Assert.Throws<XdrException>(() => XdrTestCodec.Decode<RefSampleSet>(truncated)));

            Assert.NotNull(ex);
            Assert.StartsWith("items", ex.FieldPath, StringComparison.Ordinal);
            Assert.InRange(ex.Offset, 0, length);
            Assert.True(allocated < fullDecode + 8192, $"decoding {length} of {valid.Length} bytes allocated {allocated} bytes");
        }
    }

    [Theory]
    [InlineData(354, "truncated input: 4 bytes needed, 2 remain at byte 352")]
    [InlineData(358, "string length 8 exceeds the 2 bytes that remain at byte 352")]
    public void Decode_TruncatedInTheSecondName_NamesTheFieldAndOffset(int length, string message)
    {
        // The first sample carries 200 bytes of text so that the set's count check (2 x 92 bytes) passes
        // and the decoder gets as far as the second sample's name, at 4 + 292 + 56.
        var values = new RefSampleSet { Items = [new RefSample { Text = new string('t', 200) }, new RefSample { Name = "abcdefgh" }] };
        byte[] valid = XdrTestCodec.Encode(values);

        var ex = Assert.Throws<XdrException>(() => XdrTestCodec.Decode<RefSampleSet>(valid[..length]));

        Assert.Equal("items[1].name", ex.FieldPath);
        Assert.Equal(352, ex.Offset);
        Assert.Equal("items[1].name: " + message, ex.Message);
    }

    [Theory]
    [InlineData(56, 33, "items[0].data", "opaque length 33 exceeds the declared maximum 32")]
    [InlineData(60, 17, "items[0].name", "string length 17 exceeds the declared maximum 16")]
    [InlineData(80, 5, "items[0].hypers", "array length 5 exceeds the declared maximum 4")]
    public void Decode_LengthAboveDeclaredMaximum_NamesTheField(int offset, int length, string path, string message)
    {
        byte[] bytes = Patch(s_oneDefaultSample, offset, length);

        var ex = Assert.Throws<XdrException>(() => XdrTestCodec.Decode<RefSampleSet>(bytes));

        Assert.Equal(path, ex.FieldPath);
        Assert.Equal(offset, ex.Offset);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnionArmStringAboveMaximum_PathGoesThroughTheArm()
    {
        byte[] valid = XdrTestCodec.Encode(new RefSampleSet { Items = [new RefSample { Shape = new RefShape { Kind = 2, Name = "abcd" } }] });
        byte[] bytes = Patch(valid, 92, 17);

        var ex = Assert.Throws<XdrException>(() => XdrTestCodec.Decode<RefSampleSet>(bytes));

        Assert.Equal("items[0].shape.name", ex.FieldPath);
        Assert.Equal(92, ex.Offset);
    }

    [Theory]
    [InlineData(0x7FFF_FFFF)]
    [InlineData(unchecked((int)0xFFFF_FFFF))]
    [InlineData(0x0010_0000)]
    public void ReadLengthPrefixed_HugeLengthInFourBytes_ThrowsAllocatingUnderOneKilobyte(int length)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, length);

        AssertCheapRejection(bytes, (ref XdrReader r) => r.ReadString());
        AssertCheapRejection(bytes, (ref XdrReader r) => r.ReadString(uint.MaxValue));
        AssertCheapRejection(bytes, (ref XdrReader r) => r.ReadOpaque());
        AssertCheapRejection(bytes, (ref XdrReader r) => r.ReadOpaqueSpan());
        AssertCheapRejection(bytes, (ref XdrReader r) => r.ReadArrayLength());
        AssertCheapRejection(bytes, (ref XdrReader r) => r.ReadArrayLength(uint.MaxValue, 1));
        AssertCheapRejection(bytes, (ref XdrReader r) => RefSampleSet.Decode(ref r));
    }

    [Fact]
    public void Decode_InnersClaimingTwoBillionElements_ThrowsWithoutAllocatingForThem()
    {
        byte[] bytes = Patch(s_oneDefaultSample, 92, int.MaxValue);

        // The budget also covers the sample's fields decoded before the count (arrays, the union object).
        XdrException ex = AssertCheapRejection(bytes, (ref XdrReader r) => RefSampleSet.Decode(ref r), 2 * MaxHostileAllocation);

        Assert.Equal("items[0].inners", ex.FieldPath);
        Assert.Equal(92, ex.Offset);
        Assert.Contains("array length 2147483647 needs at least 17179869176 bytes but only 0 remain", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ArrayCountNeedingMoreBytesThanRemain_ThrowsAtTheCount()
    {
        // Two samples need at least 184 bytes; one is present (92).
        byte[] bytes = Patch(s_oneDefaultSample, 0, 2);

        var ex = Assert.Throws<XdrException>(() => XdrTestCodec.Decode<RefSampleSet>(bytes));

        Assert.Equal("items", ex.FieldPath);
        Assert.Equal(0, ex.Offset);
        Assert.Contains("array length 2 needs at least 184 bytes but only 92 remain", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadArrayLength_CountExactlyFillingTheRemainder_IsAccepted()
    {
        byte[] bytes = new byte[4 + 24];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 3);
        var reader = new XdrReader(bytes);

        Assert.Equal(3, reader.ReadArrayLength(3, 8));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-8)]
    public void ReadArrayLength_MinElementSizeBelowFour_StillNeedsFourBytesPerElement(int minElementSize)
    {
        byte[] bytes = new byte[4 + 8];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 3);

        var ex = Assert.Throws<XdrException>(() =>
        {
            var reader = new XdrReader(bytes);
            reader.ReadArrayLength(uint.MaxValue, minElementSize);
        });

        Assert.Contains("array length 3 needs at least 12 bytes but only 8 remain", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOpaque_NonZeroByteAtAnyPaddingPosition_ThrowsAtThePadding()
    {
        Gen.Select(Gen.Byte.Array[0, 15].Where(data => data.Length % 4 != 0), Gen.Int[0, 2], Gen.Byte[1, 255]).Sample((data, pad, junk) =>
        {
            byte[] bytes = XdrTestCodec.Encode(new OpaqueValue(data));
            int padding = bytes.Length - 4 - data.Length;
            int position = 4 + data.Length + Math.Min(pad, padding - 1);
            bytes[position] = junk;

            var ex = Assert.Throws<XdrException>(() =>
            {
                var reader = new XdrReader(bytes);
                reader.ReadOpaque();
            });

            Assert.Equal(4 + data.Length, ex.Offset);
            Assert.Contains("padding bytes are not zero", ex.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void ReadString_NonZeroPadding_ThrowsXdrException()
    {
        byte[] data = [0, 0, 0, 1, (byte)'a', 0, 1, 0];

        var ex = Assert.Throws<XdrException>(() =>
        {
            var reader = new XdrReader(data);
            reader.ReadString();
        });

        Assert.Equal(5, ex.Offset);
        Assert.Contains("padding", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(53, "items[0].fixed_data", 53)]
    [InlineData(55, "items[0].fixed_data", 53)]
    [InlineData(63, "items[0].data", 63)]
    public void Decode_NonZeroPaddingInAStruct_NamesTheField(int badByte, string path, int padStart)
    {
        // fixed_data is 5 bytes at 48 (padding 53-55); data [1, 2, 3] has its length at 56 and padding at 63.
        byte[] bytes = XdrTestCodec.Encode(new RefSampleSet { Items = [new RefSample { Data = [1, 2, 3] }] });
        bytes[badByte] = 0x20;

        var ex = Assert.Throws<XdrException>(() => XdrTestCodec.Decode<RefSampleSet>(bytes));

        Assert.Equal(path, ex.FieldPath);
        Assert.Equal(padStart, ex.Offset);
        Assert.Contains("padding bytes are not zero", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    [InlineData(0x100)]
    [InlineData(int.MinValue)]
    public void ReadBool_NeitherZeroNorOne_ThrowsWithTheValue(int value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);

        var ex = Assert.Throws<XdrException>(() =>
        {
            var reader = new XdrReader(bytes);
            reader.ReadBool();
        });

        Assert.Equal(0, ex.Offset);
        Assert.Contains($"boolean value {value} is neither 0 nor 1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(28, "items[0].flag")]
    [InlineData(84, "items[0].maybe")]
    public void Decode_BadBooleanInAStruct_NamesTheField(int offset, string path)
    {
        byte[] bytes = Patch(s_oneDefaultSample, offset, 2);

        var ex = Assert.Throws<XdrException>(() => XdrTestCodec.Decode<RefSampleSet>(bytes));

        Assert.Equal(path, ex.FieldPath);
        Assert.Equal(offset, ex.Offset);
    }

    [Fact]
    public void Decode_TrailingBytes_ThrowsAtTheFirstUnusedByte()
    {
        byte[] bytes = [.. s_oneDefaultSample, 0, 0, 0, 0];

        var ex = Assert.Throws<XdrException>(() => XdrTestCodec.Decode<RefSampleSet>(bytes));

        Assert.Equal(s_oneDefaultSample.Length, ex.Offset);
        Assert.Equal(string.Empty, ex.FieldPath);
        Assert.Contains("4 unexpected trailing bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFixedOpaque_NegativeLength_Throws()
    {
        var ex = Assert.Throws<XdrException>(() =>
        {
            var reader = new XdrReader(new byte[8]);
            reader.ReadFixedOpaque(-4);
        });

        Assert.Contains("negative", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPrimitive_EmptyInput_ThrowsTruncated()
    {
        AssertTruncated((ref XdrReader r) => r.ReadInt32());
        AssertTruncated((ref XdrReader r) => r.ReadUInt32());
        AssertTruncated((ref XdrReader r) => r.ReadInt64());
        AssertTruncated((ref XdrReader r) => r.ReadUInt64());
        AssertTruncated((ref XdrReader r) => r.ReadSingle());
        AssertTruncated((ref XdrReader r) => r.ReadDouble());
        AssertTruncated((ref XdrReader r) => r.ReadBool());
        AssertTruncated((ref XdrReader r) => r.ReadFixedOpaque(1));

        static void AssertTruncated(Read read)
        {
            var ex = Assert.Throws<XdrException>(() =>
            {
                var reader = new XdrReader(ReadOnlySpan<byte>.Empty);
                read(ref reader);
            });
            Assert.StartsWith("truncated input", ex.Message, StringComparison.Ordinal);
            Assert.Equal(0, ex.Offset);
        }
    }

    private static XdrException AssertCheapRejection(byte[] bytes, Read read, long budget = MaxHostileAllocation)
    {
        // Once to load types and compile, then measured.
        Reject(bytes, read);
        long before = GC.GetAllocatedBytesForCurrentThread();
        XdrException? ex = Reject(bytes, read);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(ex);
        Assert.True(allocated < budget, $"rejecting {Convert.ToHexString(bytes[..4])}... allocated {allocated} bytes");
        return ex;

        static XdrException? Reject(byte[] bytes, Read read)
        {
            try
            {
                var reader = new XdrReader(bytes);
                read(ref reader);
                return null;
            }
            catch (XdrException e)
            {
                return e;
            }
        }
    }

    private static long Allocated(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static byte[] Patch(byte[] valid, int offset, int word)
    {
        byte[] bytes = (byte[])valid.Clone();
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(offset), word);
        return bytes;
    }
}
