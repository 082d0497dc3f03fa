using System;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// virt-inspector, stock and ours, on the Fedora-like and the Windows-like image: one run each, whose XML covers the
/// OS facts, mountpoints, filesystems, applications, osinfo and icon. Identical stdout and exit code; stock's
/// output must show the facts the image was built to have, so a broken image cannot pass as "both found nothing".
/// </summary>
[Trait("Category", "Appliance")]
[Collection(RpmAndWindowsImagesCollection.Name)]
public sealed class RpmWindowsInspectorDifferentialTests
{
    private readonly RpmAndWindowsImages _images;

    public RpmWindowsInspectorDifferentialTests(RpmAndWindowsImages images)
    {
        _images = images;
    }

    [SkippableFact]
    public async Task Fedora_DefaultOutput_Same()
    {
        string disk = await _images.FedoraAsync();
        var run = await ToolComparison.RunAsync("virt-inspector", ["-a", disk], _images.Directory);
        run.AssertSameAndSucceeded();
        foreach (string expected in new[]
        {
            "<distro>fedora</distro>", "<major_version>40</major_version>", "<hostname>fedtest.example.org</hostname>",
            "<package_format>rpm</package_format>", "<package_management>dnf</package_management>", "<osinfo>fedora40</osinfo>",
            "<mountpoint dev=\"/dev/sda1\">/boot</mountpoint>", "<name>openssl-libs</name>", "<epoch>1</epoch>", "<arch>i686</arch>",
            "<version>6.9.1</version>", "<icon>",
            "<root>/dev/sda3</root>", "<distro>rhel</distro>", "<hostname>rhel9.example.com</hostname>", "<name>shim-x64</name>",
        })
        {
            Assert.True(run.Stock.Stdout.Contains(expected, StringComparison.Ordinal), $"stock virt-inspector's output lacks {expected}:\n{run.Stock.Stdout}");
        }
    }

    [SkippableFact]
    public async Task Windows_DefaultOutput_Same()
    {
        string disk = await _images.WindowsAsync();
        var run = await ToolComparison.RunAsync("virt-inspector", ["-a", disk], _images.Directory);
        run.AssertSameAndSucceeded();
        foreach (string expected in new[]
        {
            "<name>windows</name>", "<arch>x86_64</arch>", "<product_name>Windows Server 2022 Datacenter</product_name>",
            "<product_variant>Server</product_variant>", "<major_version>10</major_version>", "<hostname>win-guestfs01</hostname>",
            "<osinfo>win2k22</osinfo>", "<drive_mapping name=\"C\">/dev/sda2</drive_mapping>", "<name>Git_is1</name>",
            "<display_name>7-Zip 23.01 (x64)</display_name>",
        })
        {
            Assert.True(run.Stock.Stdout.Contains(expected, StringComparison.Ordinal), $"stock virt-inspector's output lacks {expected}:\n{run.Stock.Stdout}");
        }
    }
}
