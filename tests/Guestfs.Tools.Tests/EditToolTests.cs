using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// virt-edit, stock and ours, each on its own copy of the Debian-like image with the same arguments and environment:
/// the same stdout and exit code, and afterwards the same files (content, mode, owner) as our virt-cat and virt-ls
/// read them. The editor mode runs in the suite; <c>-e</c>, <c>-b</c> and the failures in the stock-comparison
/// campaign (<c>Category=StockMatrix</c>).
/// </summary>
[Trait("Category", "Appliance")]
[Collection(GuestImagesCollection.Name)]
public sealed class EditToolTests
{
    private readonly GuestImages _images;

    public EditToolTests(GuestImages images)
    {
        _images = images;
    }

    [Fact]
    public async Task Edit_Editor_SameAsStock()
    {
        var (run, stockDisk, ourDisk) = await RunOnCopiesAsync("editor", ["/etc/hostname"], editor: "sed -i s/debtest/edited/");
        run.AssertSameAndSucceeded();
        Assert.Equal(string.Empty, run.Stock.Stdout);
        await AssertSameFilesAsync(stockDisk, ourDisk, "/etc");
        Assert.Equal("edited\n", (await OursAsync("virt-cat", "-a", ourDisk, "/etc/hostname")).Stdout);
    }

    [Fact]
    [Trait("Category", "StockMatrix")]
    public async Task Edit_ExpressionWithBackup_SameAsStock()
    {
        var (run, stockDisk, ourDisk) = await RunOnCopiesAsync("expr", ["-b", ".bak", "-e", "s/^(\\S+)/# $1/ if $lineno == 2", "/etc/fstab", "/home/user/link"]);
        run.AssertSameAndSucceeded();
        await AssertSameFilesAsync(stockDisk, ourDisk, "/etc");
        await AssertSameFilesAsync(stockDisk, ourDisk, "/home");
        var edited = await OursAsync("virt-cat", "-a", ourDisk, "-m", "/dev/debvg/root", "/etc/fstab", "/etc/fstab.bak");
        Assert.Contains("# /dev/debvg/root", edited.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "StockMatrix")]
    public async Task Edit_EditorChangesNothing_FileNotChanged()
    {
        var (run, stockDisk, ourDisk) = await RunOnCopiesAsync("unchanged", ["/etc/hostname", "/etc/os-release"], editor: "true");
        run.AssertSameAndSucceeded();
        Assert.Equal("File not changed.\nFile not changed.\n", run.Stock.Stdout);
        await AssertSameFilesAsync(stockDisk, ourDisk, "/etc");
    }

    [Theory]
    [Trait("Category", "StockMatrix")]
    [InlineData("-e", "s/a/b/", "/missing")]
    [InlineData("-e", "die 'no'", "/etc/hostname")]
    [InlineData("-m", "/dev/sdb7", "-e", "s/a/b/", "/etc/hostname")]
    [InlineData("-m", "/dev/sda1", "-e", "s/a/b/", "/config-6.1.0-13-amd64")]
    public async Task Edit_BadInput_SameAsStock(params string[] args)
    {
        var (run, _, _) = await RunOnCopiesAsync("bad", args);
        run.AssertSame();
    }

    [Fact]
    [Trait("Category", "StockMatrix")]
    public async Task Edit_NoOperatingSystem_SameAsStock()
    {
        string blank = Path.Combine(_images.Directory, "blank-edit.img");
        await using (var f = File.Create(blank))
        {
            f.SetLength(16 << 20);
        }

        var run = await ToolComparison.RunAsync("virt-edit", ["-a", blank, "-e", "s/a/b/", "/etc/hostname"], _images.Directory);
        Assert.Equal(1, run.Stock.ExitCode);
        run.AssertSameWithStderr();
    }

    /// <summary>Stock on one fresh copy of the image, ours on another, with the same arguments after <c>-a</c>.</summary>
    private async Task<(ToolComparison Run, string StockDisk, string OurDisk)> RunOnCopiesAsync(string name, string[] args, string? editor = null)
    {
        string stockDisk = await _images.DebianCopyAsync($"edit-{name}-stock.img");
        string ourDisk = await _images.DebianCopyAsync($"edit-{name}-ours.img");
        var environment = new Dictionary<string, string?>(ExternalProgram.StockEnvironment) { ["EDITOR"] = editor };
        var stock = await ExternalProgram.RunAsync("/usr/bin/virt-edit", ["-a", stockDisk, .. args], _images.Directory, environment);
        var ours = await ExternalProgram.RunAsync(Path.Combine(RepositoryPaths.Root, "eng", "virt-edit"), ["-a", ourDisk, .. args], _images.Directory, environment);
        return (new ToolComparison("virt-edit", ["-a", "COPY", .. args], stock, ours), stockDisk, ourDisk);
    }

    /// <summary>
    /// Each file's type, mode, size, owner, path and content are the same in both images (<paramref name="directory"/>
    /// on the root logical volume). The root is mounted by name, not by inspection: an edit may comment out its
    /// <c>/etc/fstab</c> line, and then inspection mounts only <c>/boot</c>, in stock libguestfs as here.
    /// </summary>
    private static async Task AssertSameFilesAsync(string stockDisk, string ourDisk, string directory)
    {
        var stockList = await OursAsync("virt-ls", "-a", stockDisk, "-m", "/dev/debvg/root", "-lR", "--uids", "--checksum", directory);
        var ourList = await OursAsync("virt-ls", "-a", ourDisk, "-m", "/dev/debvg/root", "-lR", "--uids", "--checksum", directory);
        Assert.True(stockList.ExitCode == 0, stockList.ToString());
        Assert.True(ourList.ExitCode == 0, ourList.ToString());

        // The edited file's temporary name is random; only the final names are compared.
        Assert.Equal(stockList.Stdout.Split('\n').Order(StringComparer.Ordinal), ourList.Stdout.Split('\n').Order(StringComparer.Ordinal));
    }

    private static Task<ProgramResult> OursAsync(string tool, params string[] args) =>
        ExternalProgram.RunStockAsync(Path.Combine(RepositoryPaths.Root, "eng", tool), args, Path.GetTempPath());
}
