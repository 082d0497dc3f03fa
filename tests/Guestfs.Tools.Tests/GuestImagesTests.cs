using System;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>The images the tool tests build are what they claim to be, as stock virt-inspector sees them.</summary>
[Trait("Category", "Appliance")]
[Collection(GuestImagesCollection.Name)]
public sealed class GuestImagesTests
{
    private readonly GuestImages _images;

    public GuestImagesTests(GuestImages images)
    {
        _images = images;
    }

    [Fact]
    public async Task Debian_StockInspector_SeesLvmRootBootAndPackages()
    {
        string disk = await _images.DebianAsync();
        var stock = await _images.StockAsync("virt-inspector", "-a", disk);
        Assert.True(stock.ExitCode == 0, stock.Stderr);
        foreach (string expected in new[]
        {
            "<root>/dev/debvg/root</root>", "<distro>debian</distro>", "<hostname>debtest</hostname>",
            "<mountpoint dev=\"/dev/sda1\">/boot</mountpoint>", "<osinfo>debian12</osinfo>",
            "<name>libc6</name>", "<epoch>2</epoch>", "<name>xml-chars</name>",
        })
        {
            Assert.Contains(expected, stock.Stdout, StringComparison.Ordinal);
        }
    }
}
