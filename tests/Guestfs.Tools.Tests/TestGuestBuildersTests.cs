using System;
using System.IO;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// The pieces the RPM-based and Windows-like guest builders make on the host, checked with the host's own readers
/// (hivexsh, file, rpm) without booting anything.
/// </summary>
public sealed class TestGuestBuildersTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("guestfs-guest-builders-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public async Task RegistryHive_Empty_OpensInHivexshWithNoKeysOrValues()
    {
        Skip.IfNot(File.Exists("/usr/bin/hivexsh"), "needs hivexsh (Debian package libhivex-bin)");
        string hive = Path.Combine(_directory, "empty");
        await File.WriteAllBytesAsync(hive, RegistryHive.CreateEmpty());
        var shown = await ExternalProgram.RunAsync("hivexsh", ["-d", hive], input: "ls\nlsval\n");
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Equal(string.Empty, shown.Stdout);
        Assert.DoesNotContain("error", shown.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task RegistryHive_Merged_HasNestedKeysAndTypedValues()
    {
        Skip.IfNot(File.Exists("/usr/bin/hivexregedit") && File.Exists("/usr/bin/hivexsh"), "needs hivexregedit and hivexsh (libwin-hivex-perl, libhivex-bin)");
        string hive = Path.Combine(_directory, "SYSTEM");
        await RegistryHive.WriteAsync(hive, WindowsGuestImage.SystemReg);
        var shown = await ExternalProgram.RunAsync("hivexsh", [hive], input: "cd \\ControlSet001\\Services\\Tcpip\\Parameters\nlsval\ncd \\Select\nlsval\n");
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains("\"Hostname\"=\"win-guestfs01\"", shown.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"Current\"=dword:00000001", shown.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void RegistryHive_WithParentKeys_AddsEachMissingAncestorOnceBeforeTheKeys()
    {
        string text = RegistryHive.WithParentKeys("Windows Registry Editor Version 5.00\n\n[\\A\\B\\C]\n\"x\"=\"1\"\n\n[\\A]\n\n[\\A\\D]\n");
        Assert.Equal("Windows Registry Editor Version 5.00\n\n[\\A\\B]\n\n[\\A\\B\\C]\n\"x\"=\"1\"\n\n[\\A]\n\n[\\A\\D]\n", text);
    }

    [SkippableFact]
    public async Task MinimalPe64_FileSaysPe32PlusX8664()
    {
        Skip.IfNot(File.Exists("/usr/bin/file"), "needs file(1)");
        string exe = Path.Combine(_directory, "cmd.exe");
        await File.WriteAllBytesAsync(exe, WindowsGuestImage.MinimalPe64());
        var magic = await ExternalProgram.RunAsync("file", ["-b", exe]);
        Assert.StartsWith("PE32+ executable (console) x86-64", magic.Stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RpmDatabase_Written_ListsEveryPackageWithEpochAndArch()
    {
        Skip.IfNot(RpmDatabase.HostCanBuild, "needs rpmbuild and rpm (Debian package rpm)");
        string root = Path.Combine(_directory, "root");
        await RpmDatabase.WriteAsync(_directory, root, RpmGuestImage.Packages);
        var listed = await ExternalProgram.RunAsync("rpm", ["--root", root, "--dbpath", "/var/lib/rpm", "-qa", "--qf", "%{NAME} %{EPOCHNUM} %{VERSION}-%{RELEASE}.%{ARCH}\n"]);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.True(File.Exists(Path.Combine(root, "var/lib/rpm/rpmdb.sqlite")), "the database is sqlite");
        string[] lines = listed.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(RpmGuestImage.Packages.Count, lines.Length);
        Assert.Contains("openssl-libs 1 3.2.1-2.fc40.x86_64", lines);
        Assert.Contains("glibc 0 2.39-4.fc40.i686", lines);
        Assert.Contains("kernel-core 0 6.8.5-301.fc40.x86_64", lines);
    }
}
