using System;
using System.Threading.Tasks;
using CsCheck;
using Guestfs.Tests.Xdr.Model;
using Guestfs.Xdr;

namespace Guestfs.Tests.Xdr.Reference;

/// <summary>
/// Byte-exact agreement with the reference XDR implementation: rpcgen-generated routines from
/// <c>xdr_reference.x</c> compiled against libtirpc encode the same values to the same bytes, and each side
/// decodes what the other wrote to the same values.
/// </summary>
public class XdrReferenceTests : IClassFixture<XdrReferenceProgram>
{
    private readonly XdrReferenceProgram _reference;

    public XdrReferenceTests(XdrReferenceProgram reference)
    {
        _reference = reference;
    }

    [Fact]
    public async Task Encode_EdgeCaseValues_MatchesLibtirpcBytes()
    {
        RefSampleSet values = RefValues.EdgeCases();
        byte[] theirs = await EncodeWithLibtirpcAsync(values);

        AssertSameBytes(theirs, XdrTestCodec.Encode(values));
    }

    [Fact]
    public async Task Decode_LibtirpcBytesOfEdgeCaseValues_ReadsTheSameValues()
    {
        RefSampleSet values = RefValues.EdgeCases();
        byte[] theirs = await EncodeWithLibtirpcAsync(values);

        RefSampleSet decoded = XdrTestCodec.Decode<RefSampleSet>(theirs);

        Assert.Equal(RefDescriber.Describe(values), RefDescriber.Describe(decoded));
    }

    [Fact]
    public async Task LibtirpcDecode_OurBytesOfEdgeCaseValues_ReadsTheSameValues()
    {
        RefSampleSet values = RefValues.EdgeCases();
        string program = await _reference.BuildAsync(new RefSampleSet());

        ProgramResult result = await XdrReferenceProgram.RunAsync(program, "decode", XdrTestCodec.Encode(values));

        Assert.True(result.ExitCode == 0, $"libtirpc rejected our encoding (exit {result.ExitCode}): {result.Error}");
        Assert.Equal(RefDescriber.Describe(values), result.OutputText);
    }

    [Fact]
    public async Task EncodeAndDecode_RandomValues_AgreeWithLibtirpc()
    {
        // Each sample links a program (about half a second here), so few iterations; the edge cases
        // above carry the extremes.
        await RefGen.SampleSet.SampleAsync(
            async values =>
            {
                string program = await _reference.BuildAsync(values);
                byte[] ours = XdrTestCodec.Encode(values);
                ProgramResult encoded = await XdrReferenceProgram.RunAsync(program, "encode", []);
                ProgramResult decoded = await XdrReferenceProgram.RunAsync(program, "decode", ours);

                Assert.Equal(0, encoded.ExitCode);
                AssertSameBytes(encoded.Output, ours);
                Assert.Equal(RefDescriber.Describe(values), RefDescriber.Describe(XdrTestCodec.Decode<RefSampleSet>(encoded.Output)));
                Assert.Equal(0, decoded.ExitCode);
                Assert.Equal(RefDescriber.Describe(values), decoded.OutputText);
            },
            iter: 8,
            threads: 1);
    }

    [Fact]
    public async Task Decode_NameLongerThanDeclaredMaximum_RejectedByBothDecoders()
    {
        // One sample whose name is 16 bytes, then the name's length word patched to 17 and one more byte
        // (plus padding) inserted: the layout stays valid XDR apart from the declared maximum.
        var values = new RefSampleSet { Items = [new RefSample { Name = "abcdefghijklmnop" }] };
        byte[] valid = XdrTestCodec.Encode(values);
        const int nameOffset = 4 + 52 + 4; // count, the fixed-size fields, the empty data's length word
        Assert.Equal(new byte[] { 0, 0, 0, 16 }, valid[nameOffset..(nameOffset + 4)]);
        byte[] invalid = [.. valid[..nameOffset], 0, 0, 0, 17, .. valid[(nameOffset + 4)..(nameOffset + 20)], (byte)'q', 0, 0, 0, .. valid[(nameOffset + 20)..]];
        string program = await _reference.BuildAsync(new RefSampleSet());

        ProgramResult theirs = await XdrReferenceProgram.RunAsync(program, "decode", invalid);
        var ours = Assert.Throws<XdrException>(() => XdrTestCodec.Decode<RefSampleSet>(invalid));

        Assert.Equal(2, theirs.ExitCode);
        Assert.Equal("items[0].name", ours.FieldPath);
        Assert.Equal(nameOffset, ours.Offset);
    }

    [Fact]
    public async Task Decode_TruncatedEncoding_RejectedByBothDecoders()
    {
        RefSampleSet values = RefValues.EdgeCases();
        byte[] valid = XdrTestCodec.Encode(values);
        string program = await _reference.BuildAsync(new RefSampleSet());

        foreach (int length in new[] { 3, 4, 50, valid.Length / 2, valid.Length - 4, valid.Length - 1 })
        {
            byte[] truncated = valid[..length];
            ProgramResult theirs = await XdrReferenceProgram.RunAsync(program, "decode", truncated);

            Assert.True(theirs.ExitCode == 2, $"libtirpc accepted {length} of {valid.Length} bytes");
            Assert.Throws<XdrException>(() => XdrTestCodec.Decode<RefSampleSet>(truncated));
        }
    }

    private static void AssertSameBytes(byte[] expected, byte[] actual)
    {
        int common = Math.Min(expected.Length, actual.Length);
        for (int i = 0; i < common; i++)
        {
            if (expected[i] != actual[i])
            {
                Assert.Fail($"first difference at byte {i}: libtirpc {expected[i]:x2}, ours {actual[i]:x2} (lengths {expected.Length} and {actual.Length})");
            }
        }

        Assert.Equal(expected.Length, actual.Length);
    }

    private async Task<byte[]> EncodeWithLibtirpcAsync(RefSampleSet values)
    {
        string program = await _reference.BuildAsync(values);
        ProgramResult result = await XdrReferenceProgram.RunAsync(program, "encode", []);
        Assert.True(result.ExitCode == 0, $"libtirpc failed to encode (exit {result.ExitCode}): {result.Error}");
        return result.Output;
    }
}
