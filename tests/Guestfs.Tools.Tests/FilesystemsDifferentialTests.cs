using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// virt-filesystems, stock and ours, on the Debian-like image with the same options: identical stdout and exit code.
/// The default mode runs in the suite, the other options in the stock-comparison campaign (<c>Category=StockMatrix</c>).
/// </summary>
[Trait("Category", "Appliance")]
[Collection(GuestImagesCollection.Name)]
public sealed class FilesystemsDifferentialTests
{
    private readonly GuestImages _images;

    public FilesystemsDifferentialTests(GuestImages images)
    {
        _images = images;
    }

    [Fact]
    public async Task Debian_Default_Same()
    {
        string disk = await _images.DebianAsync();
        var run = await _images.CompareAsync("virt-filesystems", "-a", disk);
        run.AssertSameAndSucceeded();
    }

    [Theory]
    [Trait("Category", "StockMatrix")]
    [InlineData("--all --long --uuid")]
    [InlineData("--all --long -h --no-title")]
    [InlineData("--all --long --csv --uuid")]
    [InlineData("--parts --logvols --volgroups --physvols --block-devices --extra -l")]
    public async Task Debian_Options_Same(string options)
    {
        string disk = await _images.DebianAsync();
        string[] args = [.. options.Split(' ', StringSplitOptions.RemoveEmptyEntries), "-a", disk];
        var run = await ToolComparison.RunAsync("virt-filesystems", args, _images.Directory);
        // The image is the only disk, /dev/sda. Under load stock often prints the PV (and the VG's parent) as
        // /dev/sdb2, LVM's untranslated device name inside its own appliance, a name the guest does not have; ours
        // prints the guest's name. Compare everything else.
        run = run with { Stock = run.Stock with { Stdout = run.Stock.Stdout.Replace("/dev/sdb2", "/dev/sda2", StringComparison.Ordinal) } };
        run.AssertSameAndSucceeded();
    }

    [Theory]
    [InlineData("-h --csv")]
    [InlineData("--help")]
    [InlineData("--no-such-option")]
    [InlineData("extra-argument")]
    public async Task Usage_Same(string options)
    {
        var run = await ToolComparison.RunAsync("virt-filesystems", options.Split(' '), _images.Directory);
        run.AssertSame();
    }

    [Fact]
    public async Task Json_Debian_ListsEveryKindWithSizesAndParents()
    {
        string disk = await _images.DebianAsync();
        var ours = await ExternalProgram.RunStockAsync(System.IO.Path.Combine(RepositoryPaths.Root, "eng", "virt-filesystems"), ["--all", "--json", "--uuid", "-a", disk], _images.Directory);
        Assert.True(ours.ExitCode == 0, ours.Stderr);
        using var json = JsonDocument.Parse(ours.Stdout);
        var rows = json.RootElement.EnumerateArray().ToList();
        var root = Assert.Single(rows, r => r.GetProperty("name").GetString() == "/dev/debvg/root" && r.GetProperty("type").GetString() == "filesystem");
        Assert.Equal("ext4", root.GetProperty("vfs_type").GetString());
        Assert.True(root.GetProperty("size").GetInt64() > 0);
        var lv = Assert.Single(rows, r => r.GetProperty("type").GetString() == "lv");
        Assert.Equal("/dev/debvg", Assert.Single(lv.GetProperty("parents").EnumerateArray()).GetString());
        var vg = Assert.Single(rows, r => r.GetProperty("type").GetString() == "vg");
        Assert.Equal("/dev/sda2", Assert.Single(vg.GetProperty("parents").EnumerateArray()).GetString());
        var part = Assert.Single(rows, r => r.GetProperty("name").GetString() == "/dev/sda1" && r.GetProperty("type").GetString() == "partition");
        Assert.Equal("83", part.GetProperty("mbr_id").GetString());
        Assert.Equal(32, vg.GetProperty("uuid").GetString()!.Length);
    }
}
