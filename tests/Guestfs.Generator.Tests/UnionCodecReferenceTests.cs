using System;
using System.Linq;
using Guestfs.Generator.Tests.Support;

namespace Guestfs.Generator.Tests;

/// <summary>
/// The union codecs <c>guestfs-gen xdr</c> emits agree byte for byte with rpcgen + libtirpc over
/// <c>Cases/RpcgenUnions/unions.x</c>: every arm form (void, several labels, struct, negative label, default) of int,
/// enum, bool and unsigned discriminants, a union inside a union, and a structure holding unions, arrays and
/// optional data of every element type. Each side encodes the same values; each decodes and re-encodes what the
/// other wrote. Hostile input gives an <c>XdrException</c>.
/// </summary>
public sealed class UnionCodecReferenceTests : IClassFixture<UnionReference>
{
    private readonly UnionReference _reference;

    public UnionCodecReferenceTests(UnionReference reference)
    {
        _reference = reference;
    }

    private static readonly string[] s_samples =
    [
        "shape_void", "shape_first_label", "shape_second_label", "shape_struct", "shape_negative_label", "shape_default",
        "result_ok", "result_void", "result_later", "maybe_true", "maybe_false", "code_digest", "code_default",
        "outer_nested", "outer_default", "everything",
    ];

    public static TheoryData<string> Samples() => new(s_samples);

    [Fact]
    public void Samples_ListedHere_AreEverySampleOfBothSides()
    {
        Assert.Equal(s_samples.Order(StringComparer.Ordinal), _reference.Names.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Encode_Sample_MatchesLibtirpcBytes(string sample)
    {
        (int exitCode, byte[] theirs) = _reference.Libtirpc("encode", sample, []);

        Assert.Equal(0, exitCode);
        AssertSameBytes(theirs, _reference.Encode(sample));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Decode_LibtirpcBytes_EncodesTheSameBytesAgain(string sample)
    {
        (_, byte[] theirs) = _reference.Libtirpc("encode", sample, []);

        AssertSameBytes(theirs, _reference.RoundTrip(_reference.TypeOf(sample), theirs));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void LibtirpcDecode_OurBytes_EncodesTheSameBytesAgain(string sample)
    {
        byte[] ours = _reference.Encode(sample);

        (int exitCode, byte[] again) = _reference.Libtirpc("roundtrip", _reference.TypeOf(sample), ours);

        Assert.True(exitCode == 0, $"libtirpc rejected our encoding of {sample} (exit {exitCode})");
        AssertSameBytes(ours, again);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Decode_EveryTruncation_ThrowsXdrException(string sample)
    {
        byte[] valid = _reference.Encode(sample);
        string type = _reference.TypeOf(sample);

        for (int length = 0; length < valid.Length; length++)
        {
            var e = ThrowsXdr(() => _reference.RoundTrip(type, valid[..length]));
            Assert.InRange(e.Offset, 0, length);
        }

        Assert.Equal(2, _reference.Libtirpc("roundtrip", type, valid[..(valid.Length / 2)]).ExitCode);
    }

    [Fact]
    public void Decode_DiscriminantOfNoArmWithoutDefault_ThrowsXdrExceptionNamingTheUnion()
    {
        byte[] bytes = [0, 0, 0, 5];

        var e = ThrowsXdr(() => _reference.RoundTrip("u_result", bytes));

        Assert.Contains("discriminant 5 of union u_result selects no arm", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, e.Offset);
        Assert.Equal(2, _reference.Libtirpc("roundtrip", "u_result", bytes).ExitCode);
    }

    [Fact]
    public void Decode_DiscriminantOfNoArmInsideAStructure_NamesTheFieldPath()
    {
        byte[] valid = _reference.Encode("everything");
        byte[] bytes = (byte[])valid.Clone();
        int result = 4 * 3; // after figure: kind 3, corner x, corner y
        Assert.Equal(new byte[] { 0, 0, 0, 0 }, bytes[result..(result + 4)]);
        bytes[result + 3] = 5;

        var e = ThrowsXdr(() => _reference.RoundTrip("u_everything", bytes));

        Assert.Equal("result", e.FieldPath);
        Assert.Equal(result, e.Offset);
        Assert.Equal(2, _reference.Libtirpc("roundtrip", "u_everything", bytes).ExitCode);
    }

    [Fact]
    public void Decode_BoolDiscriminantOtherThanZeroOrOne_ThrowsXdrException()
    {
        var e = ThrowsXdr(() => _reference.RoundTrip("u_maybe", [0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0]));

        Assert.Contains("boolean value 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ArrayCountBeyondTheRemainingBytes_ThrowsWithoutAllocating()
    {
        byte[] bytes = [0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff];

        var e = ThrowsXdr(() => _reference.RoundTrip("u_result", bytes));

        Assert.Equal("points", e.FieldPath);
        Assert.Contains("array length 2147483647", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, _reference.Libtirpc("roundtrip", "u_result", bytes).ExitCode);
    }

    [Fact]
    public void Decode_StringArmLongerThanItsDeclaredMaximum_RejectedByBothDecoders()
    {
        byte[] bytes = [0xff, 0xff, 0xff, 0xf9, 0, 0, 0, 9, .. "abcdefghi"u8, 0, 0, 0];

        var e = ThrowsXdr(() => _reference.RoundTrip("u_shape", bytes));

        Assert.Equal("name", e.FieldPath);
        Assert.Contains("exceeds the declared maximum 8", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, _reference.Libtirpc("roundtrip", "u_shape", bytes).ExitCode);
    }

    [Fact]
    public void Decode_ArrayLongerThanItsDeclaredMaximum_RejectedByBothDecoders()
    {
        // blobs<U_BLOBS> holds 2 in the sample; its count word patched to 4 with two empty blobs appended.
        byte[] valid = _reference.Encode("everything");
        int blobs = FindBlobsCount(valid);
        byte[] bytes = [.. valid[..blobs], 0, 0, 0, 4, .. valid[(blobs + 4)..(blobs + 4 + 12)], 0, 0, 0, 0, 0, 0, 0, 0, .. valid[(blobs + 4 + 12)..]];

        var e = ThrowsXdr(() => _reference.RoundTrip("u_everything", bytes));

        Assert.Equal("blobs", e.FieldPath);
        Assert.Contains("exceeds the declared maximum 3", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, _reference.Libtirpc("roundtrip", "u_everything", bytes).ExitCode);
    }

    [Fact]
    public void Encode_ArmWithADiscriminantItsLabelsDoNotAllow_ThrowsXdrException()
    {
        var several = ThrowsXdr(() => _reference.Call("EncodeMislabelled"));
        var fallback = ThrowsXdr(() => _reference.Call("EncodeDefaultWithOwnedLabel"));

        Assert.Contains("discriminant 3 of union u_shape does not select the arm Case1OrCase2", several.Message, StringComparison.Ordinal);
        Assert.Contains("discriminant 3 of union u_shape does not select the arm Default", fallback.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shape_void", "nothing")]
    [InlineData("shape_second_label", "radius -77 (case 2)")]
    [InlineData("shape_struct", "corner 5,-6")]
    [InlineData("shape_negative_label", "name abc")]
    [InlineData("shape_default", "other -1234567890123 (case 99)")]
    [InlineData("result_ok", "not a shape")]
    public void PatternMatch_OverTheArmRecords_SelectsTheArm(string sample, string expected)
    {
        Assert.Equal(expected, _reference.Call("Describe", sample));
    }

    /// <summary>The offset of <c>blobs</c>'s count in the sample <c>everything</c>: the first count word of 2 followed by a 3-byte blob.</summary>
    private static int FindBlobsCount(byte[] bytes)
    {
        for (int i = 0; i + 12 <= bytes.Length; i += 4)
        {
            if (bytes.AsSpan(i, 12).SequenceEqual(new byte[] { 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 0 }))
            {
                return i;
            }
        }

        throw new InvalidOperationException("the sample has no blobs array");
    }

    /// <summary>
    /// Asserts that <paramref name="action"/> throws the runtime's <c>XdrException</c> (a type of the in-memory
    /// assembly, so matched by name) and returns what it says.
    /// </summary>
    private static XdrError ThrowsXdr(Action action)
    {
        Exception e = Assert.ThrowsAny<Exception>(action);
        Assert.True(e.GetType().FullName == "Guestfs.Xdr.XdrException", "expected an XdrException, got " + e);
        return new XdrError(e.Message, (string)e.GetType().GetProperty("FieldPath")!.GetValue(e)!, (int)e.GetType().GetProperty("Offset")!.GetValue(e)!);
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

    private sealed record XdrError(string Message, string FieldPath, int Offset);
}
