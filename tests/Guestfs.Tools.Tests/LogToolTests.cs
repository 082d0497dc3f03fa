using System;
using System.IO;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// virt-log, stock and ours: the Debian-like guest's <c>/var/log/syslog</c> in the suite; a guest without an
/// operating system in the stock-comparison campaign (<c>Category=StockMatrix</c>).
/// </summary>
[Trait("Category", "Appliance")]
[Collection(GuestImagesCollection.Name)]
public sealed class LogToolTests
{
    private readonly GuestImages _images;

    public LogToolTests(GuestImages images)
    {
        _images = images;
    }

    [Fact]
    public async Task Log_Debian_SyslogSameAsStock()
    {
        string disk = await _images.DebianAsync();
        var run = await _images.CompareAsync("virt-log", "-a", disk);
        run.AssertSameAndSucceeded();
        Assert.Contains("sshd[412]: Server listening", run.Stock.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "StockMatrix")]
    public async Task Log_NoOperatingSystem_SameAsStock()
    {
        string blank = Path.Combine(_images.Directory, "blank-log.img");
        await using (var f = File.Create(blank))
        {
            f.SetLength(16 << 20);
        }

        var run = await ToolComparison.RunAsync("virt-log", ["--format=raw", "-a", blank], _images.Directory);
        Assert.Equal(1, run.Stock.ExitCode);
        run.AssertSameWithStderr();
    }
}
