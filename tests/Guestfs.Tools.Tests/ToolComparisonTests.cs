using Xunit.Sdk;

namespace Guestfs.Tools.Tests;

/// <summary>The differential assertion itself: it must fail on any stdout or exit-code difference and show a diff.</summary>
public sealed class ToolComparisonTests
{
    private static ToolComparison Of(ProgramResult stock, ProgramResult ours) => new("virt-x", ["-a", "d.img"], stock, ours);

    [Fact]
    public void AssertSame_SameStdoutAndExitCode_Passes()
    {
        Of(new(0, "a\nb\n", "stock noise"), new(0, "a\nb\n", "other noise")).AssertSame();
    }

    [Fact]
    public void AssertSame_DifferentStdout_FailsWithLineDiff()
    {
        var e = Assert.Throws<XunitException>(() => Of(new(0, "a\nb\nc\n", ""), new(0, "a\nB\nc\n", "")).AssertSame());
        Assert.Contains("  a\n- b\n+ B\n  c\n", e.Message, System.StringComparison.Ordinal);
        Assert.Contains("virt-x -a d.img", e.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void AssertSame_TrailingNewlineOnly_Fails()
    {
        Assert.Throws<XunitException>(() => Of(new(0, "a\n", ""), new(0, "a", "")).AssertSame());
    }

    [Fact]
    public void AssertSame_DifferentExitCode_FailsNamingBoth()
    {
        var e = Assert.Throws<XunitException>(() => Of(new(1, "", "virt-x: error"), new(0, "", "")).AssertSame());
        Assert.Contains("exit code stock 1, ours 0", e.Message, System.StringComparison.Ordinal);
        Assert.Contains("virt-x: error", e.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void AssertSameAndSucceeded_StockFailed_Fails()
    {
        Assert.Throws<XunitException>(() => Of(new(1, "", "boom"), new(1, "", "boom")).AssertSameAndSucceeded());
    }
}
