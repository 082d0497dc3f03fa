using System;
using System.IO;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// virt-log, stock and ours: the systemd journal of the Debian-like guest in the suite; its <c>/var/log/syslog</c>
/// and a guest without an operating system in the stock-comparison campaign (<c>Category=StockMatrix</c>). The
/// Windows guest's event log is in <see cref="WindowsGuestToolTests"/>.
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

    [SkippableFact]
    public async Task Log_Journal_SameAsStock()
    {
        string disk = await _images.DebianJournalAsync();
        var run = await _images.CompareAsync("virt-log", "-a", disk);
        run.AssertSameAndSucceeded();

        // The journal, not /var/log/syslog, in journalctl's short format (the times depend on the local time zone).
        Assert.DoesNotContain("Server listening", run.Stock.Stdout, StringComparison.Ordinal);
        foreach (string expected in new[]
        {
            " kernel info: Linux version 6.1.0-13-amd64\n", " sshd[412] err: error: two\nlines\n", " info: before NUL\n",
            " systemd[1] emerg: Started café ✓ service.\n", " cron[977] debug:\n", " app warning: raw ", " twice info: ",
        })
        {
            Assert.True(run.Stock.Stdout.Contains(expected, StringComparison.Ordinal), $"stock virt-log's output lacks {expected}:\n{run.Stock.Stdout}");
        }
    }

    [Fact]
    [Trait("Category", "StockMatrix")]
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
