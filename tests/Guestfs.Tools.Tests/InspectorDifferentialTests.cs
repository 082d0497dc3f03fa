using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// virt-inspector, stock and ours, on the same images with the same options: identical stdout and exit code. The
/// default mode runs in the suite, the other options in the stock-comparison campaign (<c>Category=StockMatrix</c>).
/// </summary>
[Trait("Category", "Appliance")]
[Collection(GuestImagesCollection.Name)]
public sealed class InspectorDifferentialTests
{
    private readonly GuestImages _images;

    public InspectorDifferentialTests(GuestImages images)
    {
        _images = images;
    }

    [Fact]
    public async Task Debian_DefaultOutput_Same()
    {
        string disk = await _images.DebianAsync();
        var run = await _images.CompareAsync("virt-inspector", "-a", disk);
        run.AssertSameAndSucceeded();
        Assert.Contains("<icon>", run.Stock.Stdout, StringComparison.Ordinal);
        Assert.Contains("<name>xml-chars</name>", run.Stock.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "StockMatrix")]
    public async Task Debian_NoApplicationsNoIconFormatRaw_Same()
    {
        string disk = await _images.DebianAsync();
        var run = await ToolComparison.RunAsync("virt-inspector", ["--no-applications", "--no-icon", "--format=raw", "-a", disk], _images.Directory);
        run.AssertSameAndSucceeded();
        Assert.DoesNotContain("<applications>", run.Stock.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "StockMatrix")]
    public async Task Debian_OldStyleDiskOperand_Same()
    {
        string disk = await _images.DebianAsync();
        var run = await ToolComparison.RunAsync("virt-inspector", ["--no-icon", disk], _images.Directory);
        run.AssertSameAndSucceeded();
    }

    [Fact]
    [Trait("Category", "StockMatrix")]
    public async Task BlankDisk_NoOperatingSystem_EmptyDocumentExitZero()
    {
        string empty = Path.Combine(_images.Directory, "empty.img");
        await using (var f = File.Create(empty))
        {
            f.SetLength(16 << 20);
        }

        var run = await ToolComparison.RunAsync("virt-inspector", ["--format=raw", "-a", empty], _images.Directory);
        run.AssertSameAndSucceeded();
        Assert.Equal("<?xml version=\"1.0\"?>\n<operatingsystems/>\n", run.Stock.Stdout);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("--short-options")]
    [InlineData("--no-such-option")]
    [InlineData("--format=raw")]
    public async Task Usage_Same(string option)
    {
        var run = await ToolComparison.RunAsync("virt-inspector", [option], _images.Directory);
        run.AssertSame();
    }

    [Fact]
    public async Task Json_Debian_HasTheXmlFacts()
    {
        string disk = await _images.DebianAsync();
        var ours = await ExternalProgram.RunStockAsync(Path.Combine(RepositoryPaths.Root, "eng", "virt-inspector"), ["--json", "-a", disk], _images.Directory);
        Assert.True(ours.ExitCode == 0, ours.Stderr);
        using var json = JsonDocument.Parse(ours.Stdout);
        var os = Assert.Single(json.RootElement.GetProperty("operatingsystems").EnumerateArray());
        Assert.Equal("/dev/debvg/root", os.GetProperty("root").GetString());
        Assert.Equal("debian", os.GetProperty("distro").GetString());
        Assert.Equal(12, os.GetProperty("major_version").GetInt32());
        Assert.Equal("debtest", os.GetProperty("hostname").GetString());
        Assert.Equal("/boot", os.GetProperty("mountpoints")[1].GetProperty("mountpoint").GetString());
        Assert.Equal("/dev/sda1", os.GetProperty("mountpoints")[1].GetProperty("dev").GetString());
        var libc = Assert.Single(os.GetProperty("applications").EnumerateArray(), a => a.GetProperty("name").GetString() == "libc6");
        Assert.Equal(2, libc.GetProperty("epoch").GetInt32());
        Assert.False(os.TryGetProperty("arch", out _));
        Assert.NotEmpty(Convert.FromBase64String(os.GetProperty("icon").GetString()!));
    }
}
