using System.IO;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// virt-cat against stock on the Debian-like image: inspection with a missing file in the suite; <c>-m</c>, no OS and
/// a bad <c>-m</c> in the stock-comparison campaign (<c>Category=StockMatrix</c>).
/// </summary>
[Trait("Category", "Appliance")]
[Collection(GuestImagesCollection.Name)]
public sealed class CatToolTests
{
    private readonly GuestImages _images;

    public CatToolTests(GuestImages images)
    {
        _images = images;
    }

    [Fact]
    public async Task Cat_InspectedFilesAndAMissingOne_SameAsStock()
    {
        string disk = await _images.DebianAsync();
        var run = await ToolComparison.RunAsync("virt-cat", ["-a", disk, "/etc/os-release", "/boot/config-6.1.0-13-amd64", "/home/user/link", "/missing", "/etc/fstab"], _images.Directory);
        Assert.Equal(1, run.Stock.ExitCode);
        run.AssertSameWithStderr();
    }

    [Fact]
    [Trait("Category", "StockMatrix")]
    public async Task Cat_MountOptions_SameAsStock()
    {
        string disk = await _images.DebianAsync();
        var run = await ToolComparison.RunAsync("virt-cat", ["--format=raw", "-a", disk, "-m", "/dev/debvg/root", "-m", "/dev/sda1:/boot:ro", "/etc/hostname", "/boot/config-6.1.0-13-amd64"], _images.Directory);
        run.AssertSameAndSucceeded();
    }

    [Fact]
    [Trait("Category", "StockMatrix")]
    public async Task Cat_UnmountableDevice_SameAsStock()
    {
        string disk = await _images.DebianAsync();
        var run = await ToolComparison.RunAsync("virt-cat", ["-a", disk, "-m", "/dev/sda1:/:noatime", "/etc/hostname"], _images.Directory);
        run.AssertSame();
        var bad = await ToolComparison.RunAsync("virt-cat", ["-a", disk, "-m", "/dev/sdb7", "/etc/hostname"], _images.Directory);
        Assert.Equal(1, bad.Stock.ExitCode);
        bad.AssertSameWithStderr();
    }

    [Fact]
    [Trait("Category", "StockMatrix")]
    public async Task Cat_NoOperatingSystem_SameAsStock()
    {
        string blank = Path.Combine(_images.Directory, "blank.img");
        using (var file = File.Create(blank))
        {
            file.SetLength(16 << 20);
        }

        var run = await ToolComparison.RunAsync("virt-cat", ["-a", blank, "/etc/hostname"], _images.Directory);
        Assert.Equal(1, run.Stock.ExitCode);
        run.AssertSameWithStderr();
    }
}
