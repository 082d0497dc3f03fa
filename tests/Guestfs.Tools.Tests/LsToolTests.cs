using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// virt-ls against stock on the Debian-like image: the plain mode in the suite, each other mode and -lR flag in the
/// stock-comparison campaign (<c>Category=StockMatrix</c>); and <c>--json</c>.
/// </summary>
[Trait("Category", "Appliance")]
[Collection(GuestImagesCollection.Name)]
public sealed class LsToolTests
{
    private readonly GuestImages _images;

    public LsToolTests(GuestImages images)
    {
        _images = images;
    }

    [Fact]
    public async Task Ls_Default_SameAsStock()
    {
        string disk = await _images.DebianAsync();
        var run = await _images.CompareAsync("virt-ls", "-a", disk, "/", "/etc", "/missing", "/boot");
        run.AssertSameWithStderr();
    }

    [Theory]
    [Trait("Category", "StockMatrix")]
    [InlineData("-l", "/home/user")]
    [InlineData("-R", "/etc", "/home")]
    [InlineData("-lR", "/")]
    [InlineData("-lR", "-h", "--uids", "--time-t", "/boot")]
    [InlineData("-lR", "--csv", "--checksum", "--times", "/etc", "/home")]
    [InlineData("-lR", "--checksums=sha256", "--time-days", "/home")]
    [InlineData("-lR", "--time-days", "--time-t", "/home")]
    public async Task Ls_Mode_SameAsStock(params string[] args)
    {
        string disk = await _images.DebianAsync();
        var run = await ToolComparison.RunAsync("virt-ls", ["-a", disk, .. args], _images.Directory);
        run.AssertSameWithStderr();
    }

    [Fact]
    [Trait("Category", "StockMatrix")]
    public async Task Ls_ExtraStats_SameAsStockButTheApplianceDevice()
    {
        // st_dev is the appliance's device number of the guest disk, which depends on how each appliance attaches it.
        string disk = await _images.DebianAsync();
        var run = await ToolComparison.RunAsync("virt-ls", ["-a", disk, "-m", "/dev/sda1", "-lR", "--extra-stat", "/"], _images.Directory);
        Assert.Equal(0, run.Stock.ExitCode);
        Assert.Equal(0, run.Ours.ExitCode);
        static string WithoutDevice(string output) => string.Join('\n', output.Split('\n').Select(line =>
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 3 ? line.Replace(" " + fields[3] + " ", " DEV ", StringComparison.Ordinal) : line;
        }));
        Assert.Equal(WithoutDevice(run.Stock.Stdout), WithoutDevice(run.Ours.Stdout));
    }

    [Fact]
    [Trait("Category", "StockMatrix")]
    public async Task Ls_TimeRelative_WithinTheRunsInterval()
    {
        string disk = await _images.DebianAsync();
        var run = await ToolComparison.RunAsync("virt-ls", ["-a", disk, "-lR", "--time-relative", "/home"], _images.Directory);
        string[] stock = run.Stock.Stdout.Split('\n');
        string[] ours = run.Ours.Stdout.Split('\n');
        Assert.Equal(0, run.Stock.ExitCode);
        Assert.Equal(run.Stock.ExitCode, run.Ours.ExitCode);
        Assert.Equal(stock.Length, ours.Length);
        for (int i = 0; i < stock.Length - 1; i++)
        {
            // Fields 4-6 are seconds before each run's start; ours ran later, by less than 20 minutes.
            string[] s = stock[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string[] o = ours[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(s.Where((_, k) => k is < 3 or > 5), o.Where((_, k) => k is < 3 or > 5));
            for (int k = 3; k <= 5; k++)
            {
                Assert.InRange(long.Parse(o[k]) - long.Parse(s[k]), 0, 1200);
            }

            Assert.Equal(stock[i].Length, ours[i].Length);
        }
    }

    [Fact]
    public async Task Ls_TimeTAfterTimeDays_StillDays()
    {
        // As in stock's ls.c, --time-t asks for numbers and leaves an earlier --time-days (or --time-relative) in force.
        string disk = await _images.DebianAsync();
        string tool = System.IO.Path.Combine(RepositoryPaths.Root, "eng", "virt-ls");
        var days = await ExternalProgram.RunStockAsync(tool, ["-a", disk, "-lR", "--time-days", "/home"], _images.Directory);
        var both = await ExternalProgram.RunStockAsync(tool, ["-a", disk, "-lR", "--time-days", "--time-t", "/home"], _images.Directory);
        Assert.True(days.ExitCode == 0, days.ToString());
        Assert.Contains("/home/user/notes.txt", days.Stdout, StringComparison.Ordinal);
        Assert.Equal(days.Stdout, both.Stdout);
    }

    [Fact]
    public async Task Ls_Json_ListsWhatLrLists()
    {
        string disk = await _images.DebianAsync();
        string tool = System.IO.Path.Combine(RepositoryPaths.Root, "eng", "virt-ls");
        var text = await ExternalProgram.RunStockAsync(tool, ["-a", disk, "-lR", "--csv", "--uids", "--checksum", "/home"], _images.Directory);
        var json = await ExternalProgram.RunStockAsync(tool, ["-a", disk, "-lR", "--json", "--uids", "--checksum", "/home"], _images.Directory);
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Stdout);
        string[] fromJson = document.RootElement.EnumerateArray().Select(e =>
            string.Join(',',
                e.GetProperty("type").GetString(),
                Convert.ToString(e.GetProperty("mode").GetInt64(), 8).PadLeft(4, '0'),
                e.GetProperty("size").GetInt64(),
                e.GetProperty("uid").GetInt64().ToString().PadLeft(4),
                e.GetProperty("gid").GetInt64().ToString().PadLeft(4),
                e.TryGetProperty("checksum", out var sum) ? sum.GetString() : string.Empty,
                e.GetProperty("path").GetString())
            + (e.TryGetProperty("link", out var link) ? "," + link.GetString() : string.Empty)).ToArray();
        Assert.Equal(text.Stdout.TrimEnd('\n').Split('\n'), fromJson);

        var names = await ExternalProgram.RunStockAsync(tool, ["-a", disk, "--json", "/home/user"], _images.Directory);
        Assert.Equal(new[] { "link", "notes.txt" }, JsonSerializer.Deserialize<string[]>(names.Stdout) ?? []);
    }
}
