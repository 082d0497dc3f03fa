using System;
using Guestfs.Xdr;

namespace Guestfs.Tests.Xdr;

/// <summary>
/// The array and optional-data helpers the generated codecs call: wire layout, limits, and the element index in the
/// field path of a failure.
/// </summary>
public class XdrArrayOptionalTests
{
    private delegate void Write(ref XdrWriter writer);

    [Fact]
    public void WriteArray_Strings_CountThenEachElement_ReadsBack()
    {
        byte[] bytes = Encode((ref XdrWriter w) => w.WriteArray(new[] { "a", "bc" }, static (ref XdrWriter x, string v) => x.WriteString(v)));

        Assert.Equal(Hex("00000002 00000001 61000000 00000002 62630000"), bytes);
        var reader = new XdrReader(bytes);
        Assert.Equal(new[] { "a", "bc" }, reader.ReadArray(static (ref XdrReader r) => r.ReadString()));
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void ReadArray_SecondElementTruncated_FieldPathNamesTheIndex()
    {
        byte[] bytes = Hex("00000002 00000001 61000000 00000009 6263");

        XdrException e = Assert.Throws<XdrException>(() =>
        {
            var reader = new XdrReader(bytes);
            reader.ReadArray(static (ref XdrReader r) => r.ReadString());
        });

        Assert.Equal("[1]", e.FieldPath);
    }

    [Fact]
    public void ReadArray_CountAboveDeclaredMaximum_Throws()
    {
        byte[] bytes = Hex("00000003 00000000 00000000 00000000");

        XdrException e = Assert.Throws<XdrException>(() =>
        {
            var reader = new XdrReader(bytes);
            reader.ReadArray(static (ref XdrReader r) => r.ReadInt32(), maxCount: 2);
        });

        Assert.Contains("exceeds the declared maximum 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteArray_ElementTooLong_FieldPathNamesTheIndex()
    {
        XdrException e = Assert.Throws<XdrException>(() => Encode((ref XdrWriter w) =>
            w.WriteArray(new[] { "ok", "too long" }, static (ref XdrWriter x, string v) => x.WriteString(v, 4))));

        Assert.Equal("[1]", e.FieldPath);
    }

    [Fact]
    public void FixedArray_NoCount_ExactlyTheDeclaredElements()
    {
        byte[] bytes = Encode((ref XdrWriter w) => w.WriteFixedArray(new[] { 7, -1 }, 2, static (ref XdrWriter x, int v) => x.WriteInt32(v)));

        Assert.Equal(Hex("00000007 ffffffff"), bytes);
        var reader = new XdrReader(bytes);
        Assert.Equal(new[] { 7, -1 }, reader.ReadFixedArray(2, static (ref XdrReader r) => r.ReadInt32()));
    }

    [Fact]
    public void WriteFixedArray_WrongElementCount_Throws()
    {
        XdrException e = Assert.Throws<XdrException>(() => Encode((ref XdrWriter w) =>
            w.WriteFixedArray(new[] { 1 }, 2, static (ref XdrWriter x, int v) => x.WriteInt32(v))));

        Assert.Contains("needs exactly 2 elements but 1 were given", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_ReferenceType_FlagThenValue_OrFlagAlone()
    {
        byte[] present = Encode((ref XdrWriter w) => w.WriteOptional("a", static (ref XdrWriter x, string v) => x.WriteString(v)));
        byte[] absent = Encode((ref XdrWriter w) => w.WriteOptional<string>(null, static (ref XdrWriter x, string v) => x.WriteString(v)));

        Assert.Equal(Hex("00000001 00000001 61000000"), present);
        Assert.Equal(Hex("00000000"), absent);
        var reader = new XdrReader(present);
        Assert.Equal("a", reader.ReadOptional(static (ref XdrReader r) => r.ReadString()));
        reader = new XdrReader(absent);
        Assert.Null(reader.ReadOptional(static (ref XdrReader r) => r.ReadString()));
    }

    [Fact]
    public void Optional_ValueType_FlagThenValue_OrFlagAlone()
    {
        byte[] present = Encode((ref XdrWriter w) => w.WriteOptionalValue<long>(5, static (ref XdrWriter x, long v) => x.WriteInt64(v)));
        byte[] absent = Encode((ref XdrWriter w) => w.WriteOptionalValue<long>(null, static (ref XdrWriter x, long v) => x.WriteInt64(v)));

        Assert.Equal(Hex("00000001 00000000 00000005"), present);
        Assert.Equal(Hex("00000000"), absent);
        var reader = new XdrReader(present);
        Assert.Equal(5L, reader.ReadOptionalValue(static (ref XdrReader r) => r.ReadInt64()));
        reader = new XdrReader(absent);
        Assert.Null(reader.ReadOptionalValue(static (ref XdrReader r) => r.ReadInt64()));
    }

    [Fact]
    public void ReadOptional_FlagNeitherZeroNorOne_Throws()
    {
        Assert.Throws<XdrException>(() =>
        {
            var reader = new XdrReader(Hex("00000002 00000000"));
            reader.ReadOptionalValue(static (ref XdrReader r) => r.ReadInt32());
        });
    }

    private static byte[] Encode(Write write)
    {
        using var buffer = new PooledBufferWriter();
        var writer = new XdrWriter(buffer);
        write(ref writer);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", string.Empty, StringComparison.Ordinal));
}
