using System;
using System.Threading.Tasks;

namespace Guestfs.Tests;

public class ArgumentGuardTests
{
    [Fact]
    public void ThrowIfNull_Null_NamesArgument()
    {
        string? device = null;
        ArgumentNullException e = Assert.Throws<ArgumentNullException>(() => ArgumentGuard.ThrowIfNull(device));
        Assert.Equal("device", e.ParamName);
    }

    [Fact]
    public void ThrowIfContainsNul_EscapedKeywordParameter_NamedWithoutAt()
    {
        string? @base = null;
        Assert.Equal("base", Assert.Throws<ArgumentNullException>(() => ArgumentGuard.ThrowIfContainsNul(@base)).ParamName);
        @base = "a\0b";
        ArgumentException e = Assert.Throws<ArgumentException>(() => ArgumentGuard.ThrowIfContainsNul(@base));
        Assert.Equal("base", e.ParamName);
        Assert.StartsWith("base must not", e.Message);
    }

    [Fact]
    public void ThrowIfContainsNul_EmbeddedNul_NamesArgument()
    {
        string label = "a\0b";
        ArgumentException e = Assert.Throws<ArgumentException>(() => ArgumentGuard.ThrowIfContainsNul(label));
        Assert.Equal("label", e.ParamName);
        ArgumentGuard.ThrowIfContainsNul("ab");
    }

    [Theory]
    [InlineData("relative")]
    [InlineData("")]
    [InlineData("/a\0b")]
    public void ThrowIfInvalidPathname_NotAbsoluteOrNul_Throws(string path)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => ArgumentGuard.ThrowIfInvalidPathname(path));
        Assert.Equal("path", e.ParamName);
    }

    [Fact]
    public void ThrowIfInvalidPathname_Absolute_Passes() => ArgumentGuard.ThrowIfInvalidPathname("/etc/passwd");

    [Theory]
    [InlineData("sda")]
    [InlineData("/dev")]
    [InlineData("/tmp/sda")]
    public void ThrowIfInvalidDevice_NotUnderDev_Throws(string device)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => ArgumentGuard.ThrowIfInvalidDevice(device));
        Assert.Equal("device", e.ParamName);
    }

    [Fact]
    public void ThrowIfInvalidDevice_Device_Passes() => ArgumentGuard.ThrowIfInvalidDevice("/dev/sda1");

    // The cases of libguestfs's own test of guestfs_int_validate_guid, and the edges of its rules.
    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("21EC20203AEA1069A2DD08002B30309D")]
    [InlineData("{21EC2020-3AEA-1069-A2DD-08002B30309D")]
    [InlineData("(21EC2020-3AEA-1069-A2DD-08002B30309D)")]
    [InlineData("21EC2020-3AEA-1069-A2DD_08002B30309D")]
    [InlineData("21EC2020-3AEA-1069-A2DD-08002B30309 ")]
    [InlineData("21EC2020-3AEA-1069-A2DD-08002B30309\u00e9")]
    public void ThrowIfInvalidGuid_NotAGuid_ThrowsAsLibguestfsWordsIt(string text)
    {
        string guid = System.Text.RegularExpressions.Regex.Unescape(text);
        ArgumentException e = Assert.Throws<ArgumentException>(() => ArgumentGuard.ThrowIfInvalidGuid(guid));
        Assert.Equal("guid", e.ParamName);
        Assert.StartsWith("guid parameter is not a valid GUID", e.Message);
    }

    [Theory]
    [InlineData("21EC2020-3AEA-1069-A2DD-08002B30309D")]
    [InlineData("{21EC2020-3AEA-1069-A2DD-08002B30309D}")]
    [InlineData("21ec2020-3aea-1069-a2dd-08002b30309z")]
    public void ThrowIfInvalidGuid_Guid_Passes(string guid) => ArgumentGuard.ThrowIfInvalidGuid(guid);

    [Fact]
    public async Task GeneratedGuidArguments_AreCheckedBeforeTheStateAsInLibguestfs()
    {
        await using var g = new GuestfsHandle(new GuestfsOptions { ReadEnvironment = false, DiagnosticWriter = System.IO.TextWriter.Null });
        Assert.Equal("guid", (await Assert.ThrowsAsync<ArgumentException>(() => g.PartSetGptTypeAsync("/dev/sda", 1, "xyz"))).ParamName);
        Assert.Equal("guid", (await Assert.ThrowsAsync<ArgumentException>(() => g.PartSetGptGuidAsync("/dev/sda", 1, "xyz"))).ParamName);
        Assert.Equal("guid", (await Assert.ThrowsAsync<ArgumentException>(() => g.PartSetDiskGuidAsync("/dev/sda", "xyz"))).ParamName);
        await Assert.ThrowsAsync<InvalidOperationException>(() => g.PartSetDiskGuidAsync("/dev/sda", "21EC2020-3AEA-1069-A2DD-08002B30309D"));
    }

    [Fact]
    public void ThrowIfNegative_Negative_NamesArgument()
    {
        long size = -1;
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => ArgumentGuard.ThrowIfNegative(size));
        Assert.Equal("size", e.ParamName);
        ArgumentGuard.ThrowIfNegative(0);
    }

    [Theory]
    [InlineData(0L, null, -1L, "must be at least 0, but was -1")]
    [InlineData(1L, null, 0L, "must be at least 1, but was 0")]
    [InlineData(null, 511L, 512L, "must be at most 511, but was 512")]
    [InlineData(0L, 255L, 256L, "must be from 0 to 255, but was 256")]
    [InlineData(0L, 255L, -1L, "must be from 0 to 255, but was -1")]
    public void RangeGuards_ValueOutside_ThrowNamingTheArgumentAndTheBounds(long? min, long? max, long value, string message)
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => Check(value, min, max, "options.Level"));

        Assert.Equal("options.Level", e.ParamName);
        Assert.Equal(value, e.ActualValue);
        Assert.StartsWith("options.Level " + message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1L, null, 1L)]
    [InlineData(null, 511L, long.MinValue)]
    [InlineData(0L, 255L, 0L)]
    [InlineData(0L, 255L, 255L)]
    public void RangeGuards_ValueInside_Pass(long? min, long? max, long value) => Check(value, min, max, "x");

    private static void Check(long value, long? min, long? max, string name)
    {
        switch ((min, max))
        {
            case (long lo, long hi):
                ArgumentGuard.ThrowIfOutOfRange(value, lo, hi, name);
                break;
            case (long lo, null):
                ArgumentGuard.ThrowIfLessThan(value, lo, name);
                break;
            default:
                ArgumentGuard.ThrowIfGreaterThan(value, max!.Value, name);
                break;
        }
    }

    [Fact]
    public void ThrowIfInvalidStringList_NullElement_Throws()
    {
        string[] devices = { "/dev/sda", null! };
        ArgumentException e = Assert.Throws<ArgumentException>(() => ArgumentGuard.ThrowIfInvalidStringList(devices));
        Assert.Contains("element 1", e.Message);
    }
}
