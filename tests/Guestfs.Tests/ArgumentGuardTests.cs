using System;

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

    [Fact]
    public void ThrowIfNegative_Negative_NamesArgument()
    {
        long size = -1;
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => ArgumentGuard.ThrowIfNegative(size));
        Assert.Equal("size", e.ParamName);
        ArgumentGuard.ThrowIfNegative(0);
    }

    [Fact]
    public void ThrowIfInvalidStringList_NullElement_Throws()
    {
        string[] devices = { "/dev/sda", null! };
        ArgumentException e = Assert.Throws<ArgumentException>(() => ArgumentGuard.ThrowIfInvalidStringList(devices));
        Assert.Contains("element 1", e.Message);
    }
}
