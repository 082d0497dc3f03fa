using System;
using System.Linq;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// virt-diff, stock and ours, between the Debian-like image and a changed copy: the default output in the suite,
/// each option in the stock-comparison campaign (<c>Category=StockMatrix</c>).
/// </summary>
[Trait("Category", "Appliance")]
[Collection(GuestImagesCollection.Name)]
public sealed class DiffToolTests
{
    private readonly GuestImages _images;

    public DiffToolTests(GuestImages images)
    {
        _images = images;
    }

    [Fact]
    public async Task Diff_Default_SameAsStock()
    {
        string disk = await _images.DebianAsync();
        string changed = await _images.DebianChangedAsync();
        var run = await _images.CompareAsync("virt-diff", "-a", disk, "-A", changed);
        // Under load stock's second appliance may attach the disk under another name (sdb), so every file of the
        // /boot partition shows a changed st_dev in stock alone; those entries say nothing about the guests.
        run = run with { Stock = run.Stock with { Stdout = WithoutDeviceOnlyChanges(run.Stock.Stdout) } };
        run.AssertSameAndSucceeded();
        Assert.Contains(" /etc/fstab.orig\n", run.Stock.Stdout, StringComparison.Ordinal);
        Assert.Contains("= - 0644", run.Stock.Stdout, StringComparison.Ordinal);
        Assert.Contains("@@ End of diff @@", run.Stock.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Drops each "- old", "+ new", "# changed: st_dev" triple (a change of the device number alone).</summary>
    private static string WithoutDeviceOnlyChanges(string output)
    {
        var lines = output.Split('\n').ToList();
        for (int i = 2; i < lines.Count; i++)
        {
            if (i >= 2 && lines[i] == "# changed: st_dev" && lines[i - 2].StartsWith("- ", StringComparison.Ordinal) && lines[i - 1].StartsWith("+ ", StringComparison.Ordinal))
            {
                lines.RemoveRange(i - 2, 3);
                i -= 2;
            }
        }

        return string.Join('\n', lines);
    }

    [Theory]
    [Trait("Category", "StockMatrix")]
    [InlineData("--csv")]
    [InlineData("-h")]
    [InlineData("--checksum")]
    [InlineData("--checksum=sha256 --csv")]
    [InlineData("--atime --times --time-t")]
    [InlineData("--dir-links --dir-times --time-days --uids")]
    [InlineData("--extra-stats --uids")]
    [InlineData("--all --csv")]
    [InlineData("--times")]
    public async Task Diff_Options_SameAsStock(string options)
    {
        string disk = await _images.DebianAsync();
        string changed = await _images.DebianChangedAsync();
        var run = await ToolComparison.RunAsync("virt-diff", [.. options.Split(' '), "-a", disk, "-A", changed], _images.Directory);
        run.AssertSameAndSucceeded();
    }

    [Fact]
    [Trait("Category", "StockMatrix")]
    public async Task Diff_SameImage_NoOutput()
    {
        string disk = await _images.DebianAsync();
        var run = await ToolComparison.RunAsync("virt-diff", ["-a", disk, "-A", disk], _images.Directory);
        run.AssertSameAndSucceeded();
        Assert.Equal(string.Empty, run.Stock.Stdout);
    }
}
