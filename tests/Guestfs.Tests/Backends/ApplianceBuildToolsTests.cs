using System;
using System.IO;
using System.Runtime.Versioning;
using Guestfs.Backends.Direct;

namespace Guestfs.Tests.Backends;

/// <summary>
/// The check that runs before an appliance build: with a fake <c>PATH</c> and <c>/boot</c>, exactly what is missing is
/// listed, with the install command of the host's distribution.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ApplianceBuildToolsTests : IDisposable
{
    private const string Debian = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n";
    private const string Ubuntu = "NAME=\"Ubuntu\"\nID=ubuntu\nID_LIKE=debian\n";
    private const string Fedora = "NAME=\"Fedora Linux\"\nID=fedora\n";
    private const string Arch = "NAME=\"Arch Linux\"\nID=arch\n";

    private readonly string _root = Directory.CreateTempSubdirectory("gfs-tools-").FullName;

    public ApplianceBuildToolsTests()
    {
        foreach (string directory in new[] { "bin", "boot", "modules" })
        {
            Directory.CreateDirectory(Path.Combine(_root, directory));
        }
    }

    private string Bin => Path.Combine(_root, "bin");

    private string Boot => Path.Combine(_root, "boot");

    private string Modules => Path.Combine(_root, "modules");

    private string BashHeaders => Path.Combine(_root, "builtins.h");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Provide(params string[] programs)
    {
        foreach (string program in programs)
        {
            File.WriteAllText(Path.Combine(Bin, program), "#!/bin/sh\n");
        }
    }

    private void ProvideKernel(bool withModules = true)
    {
        File.WriteAllText(Path.Combine(Boot, "vmlinuz-6.1.0-test-amd64"), string.Empty);
        if (withModules)
        {
            Directory.CreateDirectory(Path.Combine(Modules, "6.1.0-test-amd64"));
        }
    }

    private ApplianceBuildTools.Report Check() => ApplianceBuildTools.Check(Bin, Boot, Modules, BashHeaders);

    [Fact]
    public void Check_EverythingThere_NothingMissing()
    {
        Provide("supermin", "qemu-system-x86_64", "qemu-img", "cpio", "xz", "strip", "readelf", "flock", "cc");
        File.WriteAllText(BashHeaders, string.Empty);
        ProvideKernel();

        ApplianceBuildTools.Report report = Check();

        Assert.Empty(report.Required);
        Assert.Empty(report.Optional);
    }

    [Fact]
    public void Error_SuperminQemuImgAndKernelMissingOnDebian_ListsExactlyThoseAndTheAptCommand()
    {
        Provide("qemu-system-x86_64", "cpio", "xz", "strip", "readelf", "flock", "cc");
        File.WriteAllText(BashHeaders, string.Empty);
        ProvideKernel(withModules: false);

        ApplianceToolsMissingException e = ApplianceBuildTools.Error(Check(), Debian);

        Assert.Equal(["supermin", "qemu-img", $"a kernel in {Boot} with its modules in {Modules}"], e.Missing);
        Assert.Equal("sudo apt-get install supermin qemu-utils linux-image-amd64", e.InstallCommand);
        Assert.Contains("supermin, qemu-img, a kernel in", e.Message, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install supermin qemu-utils linux-image-amd64", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("recommended", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_OnUbuntu_UsesApt()
    {
        ApplianceToolsMissingException e = ApplianceBuildTools.Error(Check(), Ubuntu);

        Assert.StartsWith("sudo apt-get install supermin qemu-system-x86 qemu-utils linux-image-amd64 cpio xz-utils binutils util-linux gcc bash-builtins", e.InstallCommand, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_OnFedora_UsesDnfAndFedorasPackageNames()
    {
        Provide("supermin", "qemu-system-x86_64", "cpio", "xz", "strip", "readelf", "flock");
        ProvideKernel();

        ApplianceToolsMissingException e = ApplianceBuildTools.Error(Check(), Fedora);

        Assert.Equal(["qemu-img"], e.Missing);
        Assert.Equal("sudo dnf install qemu-img gcc bash-devel", e.InstallCommand);
        Assert.Contains("Also recommended: gcc", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_UnknownDistribution_PlainListAndNoCommand()
    {
        Provide("supermin", "qemu-system-x86_64", "qemu-img", "cpio", "xz", "flock", "cc");
        File.WriteAllText(BashHeaders, string.Empty);
        ProvideKernel();

        ApplianceToolsMissingException e = ApplianceBuildTools.Error(Check(), Arch);

        Assert.Equal(["strip, readelf"], e.Missing);
        Assert.Null(e.InstallCommand);
        Assert.Empty(e.Packages);
        Assert.Contains("missing: strip, readelf.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OnlyTheCompilerMissing_IsOptional()
    {
        Provide("supermin", "qemu-system-x86_64", "qemu-img", "cpio", "xz", "strip", "readelf", "flock");
        File.WriteAllText(BashHeaders, string.Empty);
        ProvideKernel();

        ApplianceBuildTools.Report report = Check();

        Assert.Empty(report.Required);
        Assert.Equal("gcc", Assert.Single(report.Optional).Debian);
    }
}
