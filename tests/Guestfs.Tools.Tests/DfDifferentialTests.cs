using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// virt-df, stock and ours, on the Debian-like image with the same options: identical stdout and exit code. The
/// default mode runs in the suite, the other options in the stock-comparison campaign (<c>Category=StockMatrix</c>).
/// </summary>
[Trait("Category", "Appliance")]
[Collection(GuestImagesCollection.Name)]
public sealed class DfDifferentialTests
{
    private readonly GuestImages _images;

    public DfDifferentialTests(GuestImages images)
    {
        _images = images;
    }

    [Fact]
    public async Task Debian_Default_Same()
    {
        string disk = await _images.DebianAsync();
        var run = await _images.CompareAsync("virt-df", "-a", disk);
        run.AssertSameAndSucceeded();
    }

    [Theory]
    [Trait("Category", "StockMatrix")]
    [InlineData("-h")]
    [InlineData("--csv")]
    [InlineData("-i --csv --uuid -P 2 --one-per-guest")]
    public async Task Debian_Options_Same(string options)
    {
        string disk = await _images.DebianAsync();
        string[] args = [.. options.Split(' ', StringSplitOptions.RemoveEmptyEntries), "-a", disk];
        var run = await ToolComparison.RunAsync("virt-df", args, _images.Directory);
        run.AssertSameAndSucceeded();
    }

    [Fact]
    [Trait("Category", "StockMatrix")]
    public async Task Debian_SecondBlankDrive_NameGetsAPlus()
    {
        string disk = await _images.DebianAsync();
        string blank = System.IO.Path.Combine(_images.Directory, "blank-df.img");
        await using (var f = System.IO.File.Create(blank))
        {
            f.SetLength(8 << 20);
        }

        var run = await ToolComparison.RunAsync("virt-df", ["--format=raw", "-a", disk, "-a", blank], _images.Directory);
        run.AssertSameAndSucceeded();
        Assert.Contains("debian.img+:", run.Stock.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-h --csv")]
    [InlineData("-P x")]
    [InlineData("--help")]
    public async Task Usage_Same(string options)
    {
        var run = await ToolComparison.RunAsync("virt-df", [.. options.Split(' '), "-a", "/dev/null"], _images.Directory);
        run.AssertSame();
    }

    [Fact]
    public async Task Json_Debian_OneObjectPerFilesystem()
    {
        string disk = await _images.DebianAsync();
        var ours = await ExternalProgram.RunStockAsync(System.IO.Path.Combine(RepositoryPaths.Root, "eng", "virt-df"), ["--json", "-a", disk], _images.Directory);
        Assert.True(ours.ExitCode == 0, ours.Stderr);
        using var json = JsonDocument.Parse(ours.Stdout);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["/dev/debvg/root", "/dev/sda1"], rows.Select(r => r.GetProperty("filesystem").GetString()).Order());
        Assert.All(rows, r => Assert.Equal("debian.img", r.GetProperty("name").GetString()));
        Assert.All(rows, r => Assert.True(r.GetProperty("used").GetInt64() <= r.GetProperty("size").GetInt64()));
        Assert.All(rows, r => Assert.True(r.GetProperty("inodes").GetInt64() > 0));
    }
}
