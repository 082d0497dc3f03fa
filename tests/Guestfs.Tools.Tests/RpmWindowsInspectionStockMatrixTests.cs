using System;
using System.IO;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// The inspection calls one by one, stock guestfish against eng/gfish with the same script, on the RPM-based
/// image (both roots) and the Windows-like image: every inspect-get-* of each root, inspect-list-applications2 and the deprecated
/// inspect-list-applications with all their fields, the Windows registry facts (system root, hives, current control
/// set, drive mappings), osinfo and icon. Identical stdout and exit code. A campaign, not part of the suite's budget
/// (each case boots stock libguestfs): run with <c>--filter Category=StockMatrix</c>.
/// </summary>
[Trait("Category", "StockMatrix")]
[Collection(RpmAndWindowsImagesCollection.Name)]
public sealed class RpmWindowsInspectionStockMatrixTests
{
    private const string EveryGetter = """
        inspect-get-type ROOT
        inspect-get-distro ROOT
        inspect-get-product-name ROOT
        inspect-get-product-variant ROOT
        inspect-get-major-version ROOT
        inspect-get-minor-version ROOT
        inspect-get-arch ROOT
        inspect-get-hostname ROOT
        inspect-get-package-format ROOT
        inspect-get-package-management ROOT
        inspect-get-format ROOT
        inspect-is-live ROOT
        inspect-is-netinst ROOT
        inspect-is-multipart ROOT
        inspect-get-mountpoints ROOT
        inspect-get-filesystems ROOT
        inspect-get-drive-mappings ROOT
        inspect-get-osinfo ROOT
        """;

    private readonly RpmAndWindowsImages _images;

    public RpmWindowsInspectionStockMatrixTests(RpmAndWindowsImages images)
    {
        _images = images;
    }

    [SkippableFact]
    public async Task Fedora_EveryInspectionCall_Same()
    {
        string disk = await _images.FedoraAsync();
        await AssertSameAsync(disk, "fedora-matrix.gfs", "/dev/sda2", """
            mount-ro /dev/sda2 /
            mount-ro /dev/sda1 /boot
            inspect-list-applications2 ROOT
            inspect-list-applications ROOT
            inspect-get-icon ROOT | md5sum
            inspect-get-icon ROOT favicon:false highquality:true | md5sum
            inspect-get-icon ROOT favicon:false highquality:false | wc -c
            umount-all

            """ + EveryGetter.Replace("ROOT", "/dev/sda3", StringComparison.Ordinal) + """

            mount-ro /dev/sda3 /
            inspect-list-applications2 /dev/sda3
            inspect-get-icon /dev/sda3 | md5sum
            inspect-get-icon /dev/sda3 highquality:true | wc -c
            """, "app2_name: kernel-core", "app2_epoch: 1", "app2_arch: i686", "rhel9.example.com", "app2_name: shim-x64");
    }

    [SkippableFact]
    public async Task Windows_EveryInspectionCall_Same()
    {
        string disk = await _images.WindowsAsync();
        await AssertSameAsync(disk, "windows-matrix.gfs", "/dev/sda2", """
            inspect-get-windows-systemroot ROOT
            inspect-get-windows-software-hive ROOT
            inspect-get-windows-system-hive ROOT
            inspect-get-windows-current-control-set ROOT
            mount-ro /dev/sda2 /
            inspect-list-applications2 ROOT
            inspect-list-applications ROOT
            inspect-get-icon ROOT | wc -c
            inspect-get-icon ROOT highquality:true | wc -c
            """, "app2_name: Git_is1", "C: /dev/sda2", "ControlSet001");
    }

    private async Task AssertSameAsync(string disk, string scriptName, string root, string mounted, params string[] stockMustContain)
    {
        string script = Path.Combine(_images.Directory, scriptName);
        await File.WriteAllTextAsync(script, ("run\ninspect-os\ninspect-get-roots\n" + EveryGetter + "\n" + mounted + "\n").Replace("ROOT", root, StringComparison.Ordinal));
        string[] args = ["--ro", "--format=raw", "-a", disk, "-f", script];
        var stock = await ExternalProgram.RunStockAsync("guestfish", args, _images.Directory);
        var ours = await ExternalProgram.RunStockAsync(RepositoryPaths.Gfish, args, _images.Directory);
        Assert.True(stock.ExitCode == 0, "stock guestfish failed: " + stock.Stderr);
        foreach (string expected in stockMustContain)
        {
            Assert.Contains(expected, stock.Stdout, StringComparison.Ordinal);
        }

        Assert.True(stock.Stdout == ours.Stdout && stock.ExitCode == ours.ExitCode,
            $"{scriptName}: exit code stock {stock.ExitCode}, ours {ours.ExitCode}; stdout (- stock, + ours):\n{ToolComparison.Diff(stock.Stdout, ours.Stdout)}\nour stderr:\n{ours.Stderr}");
    }
}
