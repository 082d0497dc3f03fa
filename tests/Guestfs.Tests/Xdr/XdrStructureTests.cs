using System;
using System.Buffers.Binary;
using CsCheck;
using Guestfs.Tests.Xdr.Model;
using Guestfs.Xdr;

namespace Guestfs.Tests.Xdr;

/// <summary>Nested structures, optional data, fixed and variable arrays and unions built from the primitives,
/// as generated codecs build them (see <see cref="RefSample"/>).</summary>
public class XdrStructureTests
{
    [Fact]
    public void SampleSet_AnyValue_RoundTrips()
    {
        RefGen.SampleSet.Sample(values =>
        {
            byte[] bytes = XdrTestCodec.Encode(values);
            RefSampleSet decoded = XdrTestCodec.Decode<RefSampleSet>(bytes);
            Assert.Equal(RefDescriber.Describe(values), RefDescriber.Describe(decoded));
            Assert.Equal(0, bytes.Length % 4);
        });
    }

    [Fact]
    public void SampleSet_AnyValue_ReencodesToTheSameBytes()
    {
        RefGen.SampleSet.Sample(values =>
        {
            byte[] bytes = XdrTestCodec.Encode(values);
            Assert.Equal(bytes, XdrTestCodec.Encode(XdrTestCodec.Decode<RefSampleSet>(bytes)));
        });
    }

    [Fact]
    public void Sample_DefaultValue_EncodesToTheMinimumSize()
    {
        Assert.Equal(RefSample.MinEncodedSize, XdrTestCodec.Encode(new RefSample()).Length);
        RefGen.Sample.Sample(sample => XdrTestCodec.Encode(sample).Length >= RefSample.MinEncodedSize);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(1, 8)]
    [InlineData(2, 12)]
    [InlineData(3, 16)]
    [InlineData(-1, 12)]
    [InlineData(7, 12)]
    public void Shape_EachArm_DiscriminantThenOnlyThatArm(int kind, int expectedLength)
    {
        var shape = new RefShape { Kind = kind, Radius = 5, Name = "abc", Nested = new RefInner { Id = 9, Label = "xyz" }, Other = -3 };

        byte[] bytes = XdrTestCodec.Encode(shape);
        RefShape decoded = XdrTestCodec.Decode<RefShape>(bytes);

        Assert.Equal(expectedLength, bytes.Length);
        Assert.Equal(kind, BinaryPrimitives.ReadInt32BigEndian(bytes));
        Assert.Equal(kind, decoded.Kind);
        Assert.Equal(kind == 1 ? 5 : 0, decoded.Radius);
        Assert.Equal(kind == 2 ? "abc" : string.Empty, decoded.Name);
        Assert.Equal(kind == 3 ? "xyz" : null, decoded.Nested?.Label);
        Assert.Equal(kind is < 0 or > 3 ? -3 : 0, decoded.Other);
    }

    [Fact]
    public void Shape_AnyValue_RoundTrips()
    {
        RefGen.Shape.Sample(shape =>
        {
            var sample = new RefSample { Shape = shape };
            RefSample decoded = XdrTestCodec.Decode<RefSample>(XdrTestCodec.Encode(sample));
            Assert.Equal(RefDescriber.Describe(sample), RefDescriber.Describe(decoded));
        });
    }

    [Fact]
    public void Sample_OptionalAbsentOrPresent_FlagSelectsWhetherTheValueFollows()
    {
        byte[] absent = XdrTestCodec.Encode(new RefSample { Maybe = null });
        byte[] present = XdrTestCodec.Encode(new RefSample { Maybe = new RefInner { Id = 1, Label = "ab" } });

        Assert.Equal(absent.Length + 12, present.Length);
        Assert.Null(XdrTestCodec.Decode<RefSample>(absent).Maybe);
        RefInner? maybe = XdrTestCodec.Decode<RefSample>(present).Maybe;
        Assert.NotNull(maybe);
        Assert.Equal("ab", maybe.Label);
    }

    [Fact]
    public void Encode_NameAboveMaximumInSecondItem_PathNamesItemAndField()
    {
        var values = new RefSampleSet { Items = [new RefSample(), new RefSample { Name = "seventeen bytes!!" }] };

        var ex = Assert.Throws<XdrException>(() => XdrTestCodec.Encode(values));

        Assert.Equal("items[1].name", ex.FieldPath);
        Assert.Equal(4 + RefSample.MinEncodedSize + 56, ex.Offset);
        Assert.StartsWith("items[1].name: string length 17 exceeds the declared maximum 16", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_UnionNameAboveMaximum_PathGoesThroughTheArm()
    {
        var values = new RefSampleSet { Items = [new RefSample { Shape = new RefShape { Kind = 2, Name = new string('x', 20) } }] };

        var ex = Assert.Throws<XdrException>(() => XdrTestCodec.Encode(values));

        Assert.Equal("items[0].shape.name", ex.FieldPath);
    }

    [Fact]
    public void Encode_FixedOpaqueOfWrongLength_PathNamesTheField()
    {
        var values = new RefSampleSet { Items = [new RefSample { FixedData = [1, 2, 3] }] };

        var ex = Assert.Throws<XdrException>(() => XdrTestCodec.Encode(values));

        Assert.Equal("items[0].fixed_data", ex.FieldPath);
        Assert.Contains("exactly 5 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_TooManyHypers_PathNamesTheArray()
    {
        var values = new RefSampleSet { Items = [new RefSample { Hypers = [1, 2, 3, 4, 5] }] };

        var ex = Assert.Throws<XdrException>(() => XdrTestCodec.Encode(values));

        Assert.Equal("items[0].hypers", ex.FieldPath);
        Assert.Contains("array length 5 exceeds the declared maximum 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPathSegment_NestedSegments_JoinsFieldsWithDotsAndIndexesDirectly()
    {
        var ex = new XdrException("bad", 12);

        Assert.False(ex.AddPathSegment("label"));
        Assert.False(ex.AddPathSegment("[3]"));
        Assert.False(ex.AddPathSegment("inners"));
        Assert.False(ex.AddPathSegment("[0]"));
        Assert.False(ex.AddPathSegment("[1]"));
        Assert.False(ex.AddPathSegment("ret"));

        Assert.Equal("ret[1][0].inners[3].label", ex.FieldPath);
        Assert.Equal("ret[1][0].inners[3].label: bad at byte 12", ex.Message);
    }

    [Fact]
    public void ExceptionMessage_NoPathOrOffset_IsTheBareMessage()
    {
        Assert.Equal("bad", new XdrException("bad").Message);
        Assert.Equal(-1, new XdrException("bad").Offset);
        Assert.Equal(string.Empty, new XdrException("bad").FieldPath);
    }
}
