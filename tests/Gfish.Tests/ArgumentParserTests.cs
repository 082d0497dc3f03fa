using Gfish.Parsing;

namespace Gfish.Tests;

public class ArgumentParserTests
{
    [Theory]
    [InlineData("300", 300L)]
    [InlineData(" 300", 300L)]
    [InlineData("+300", 300L)]
    [InlineData("-5", -5L)]
    [InlineData("0x200", 512L)]
    [InlineData("0400", 256L)]
    [InlineData("300k", 307200L)]
    [InlineData("1M", 1048576L)]
    [InlineData("1MiB", 1048576L)]
    [InlineData("1MB", 1000000L)]
    [InlineData("2G", 2147483648L)]
    [InlineData("k", 1024L)]
    [InlineData("0", 0L)]
    public void TryParse_ValidInteger_ReturnsValue(string text, long expected)
    {
        Assert.Equal(IntegerParser.Ok, IntegerParser.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("", IntegerParser.Invalid)]
    [InlineData("abc", IntegerParser.Invalid)]
    [InlineData("-", IntegerParser.Invalid)]
    [InlineData("12abc", IntegerParser.InvalidSuffixChar)]
    [InlineData("1Mx", IntegerParser.InvalidSuffixChar)]
    [InlineData("0x", IntegerParser.InvalidSuffixChar)]
    [InlineData("99999999999999999999", IntegerParser.Overflow)]
    [InlineData("9999999999999999999k", IntegerParser.Overflow)]
    public void TryParse_InvalidInteger_ReturnsGnulibStatus(string text, int status)
    {
        Assert.Equal(status, IntegerParser.TryParse(text, out _));
    }

    [Fact]
    public void ParseInt32_OutOfRange_HasGuestfishMessage()
    {
        var e = Assert.Throws<ConversionException>(() => IntegerParser.ParseInt32("set-memsize", "memsize", "99999999999999"));
        Assert.Equal("set-memsize: memsize: integer out of range", e.Message);
    }

    [Fact]
    public void ParseInt64_Invalid_HasGuestfishMessage()
    {
        var e = Assert.Throws<ConversionException>(() => IntegerParser.ParseInt64("set-memsize", "memsize", "12abc"));
        Assert.Equal("set-memsize: memsize: invalid integer parameter (xstrtoll returned 2)", e.Message);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("t", true)]
    [InlineData("Yes", true)]
    [InlineData("y", true)]
    [InlineData("ON", true)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("F", false)]
    [InlineData("NO", false)]
    [InlineData("n", false)]
    [InlineData("off", false)]
    public void BoolParse_KnownWords_AreAccepted(string text, bool expected)
    {
        Assert.Equal(expected, BoolParser.Parse("gfish", text));
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("-1")]
    public void BoolParse_OtherWords_AreRejected(string text)
    {
        var e = Assert.Throws<ConversionException>(() => BoolParser.Parse("gfish", text));
        Assert.Equal($"gfish: '{text}': invalid boolean value, use 'true' or 'false'", e.Message);
    }

    [Theory]
    [InlineData("a b  c", new[] { "a", "b", "c" })]
    [InlineData("'a b' c", new[] { "a b", "c" })]
    [InlineData("\"a b\" c", new[] { "\"a", "b\"", "c" })]
    [InlineData("a'b c'd e", new[] { "ab cd", "e" })]
    [InlineData("'a\\'b' c", new[] { "a'b", "c" })]
    [InlineData("", new string[0])]
    [InlineData("   ", new string[0])]
    [InlineData(" a\t b ", new[] { "a", "b" })]
    [InlineData("'' x", new[] { "", "x" })]
    [InlineData("a\\ b c", new[] { "a\\", "b", "c" })]
    public void StringList_Parse_SplitsLikeGuestfish(string text, string[] expected)
    {
        Assert.Equal(expected, StringListParser.Parse(text));
    }

    [Fact]
    public void StringList_RunawayQuote_Throws()
    {
        var e = Assert.Throws<ConversionException>(() => StringListParser.Parse("'unterminated c"));
        Assert.Equal("Runaway quote in string \"'unterminated c\"", e.Message);
    }
}
