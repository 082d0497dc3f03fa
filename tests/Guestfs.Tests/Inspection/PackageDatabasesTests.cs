using System.Linq;
using System.Text;
using Guestfs.Inspection;

namespace Guestfs.Tests.Inspection;

/// <summary>The dpkg, apk and pacman database parsers on hand-made inputs, with libguestfs 1.48.6's quirks.</summary>
public sealed class PackageDatabasesTests
{
    [Fact]
    public void Dpkg_InstalledPackagesWithEpochReleaseSourceAndDescription()
    {
        const string status =
            "Package: bash\n" +
            "Status: install ok installed\n" +
            "Architecture: amd64\n" +
            "Source: bash (5.2.15-2)\n" +
            "Version: 5.2.15-2+b2\n" +
            "Homepage: http://tiswww.case.edu/php/chet/bash/bashtop.html\n" +
            "Description: GNU Bourne Again SHell\n" +
            " Bash is an sh-compatible command language interpreter.\n" +
            " .\n" +
            " Bash is ultimately intended to be a conformant implementation.\n" +
            "Conffiles:\n" +
            " /etc/bash.bashrc 89269e1298235f1b12b4c16e4065ad0d\n" +
            "\n" +
            "Package: removed\n" +
            "Status: deinstall ok config-files\n" +
            "Version: 1.0\n" +
            "\n" +
            "Package: libc6\n" +
            "Status: install ok installed\n" +
            "Version: 2:2.36-9+deb12u4\n" +
            "\n" +
            "Package: badepoch\n" +
            "Status: install ok installed\n" +
            "Version: x:1.0-1\n" +
            "\n" +
            "Package: unterminated\n" +
            "Status: install ok installed\n" +
            "Version: 1.0\n";
        var apps = PackageDatabases.ParseDpkgStatus(Encoding.UTF8.GetBytes(status));

        Assert.Equal(["bash", "libc6"], apps.Select(a => a.App2Name));
        Application2 bash = apps[0];
        Assert.Equal(0, bash.App2Epoch);
        Assert.Equal("5.2.15", bash.App2Version);
        Assert.Equal("2+b2", bash.App2Release);
        Assert.Equal("amd64", bash.App2Arch);
        Assert.Equal("bash", bash.App2SourcePackage);
        Assert.Equal("http://tiswww.case.edu/php/chet/bash/bashtop.html", bash.App2Url);
        Assert.Equal("GNU Bourne Again SHell", bash.App2Summary);
        Assert.Equal("Bash is an sh-compatible command language interpreter.\n.\nBash is ultimately intended to be a conformant implementation.", bash.App2Description);
        Assert.Equal(string.Empty, bash.App2DisplayName);
        Assert.Equal(string.Empty, bash.App2TransPath);

        Application2 libc = apps[1];
        Assert.Equal(2, libc.App2Epoch);
        Assert.Equal("2.36", libc.App2Version);
        Assert.Equal("9+deb12u4", libc.App2Release);
        Assert.Equal(string.Empty, libc.App2Arch);
    }

    [Fact]
    public void Dpkg_NotInstalledStillMatchesAsLibguestfsDoes_AndNoReleaseIsEmpty()
    {
        // libguestfs looks for the substring "installed", which "not-installed" contains.
        var apps = PackageDatabases.ParseDpkgStatus(Encoding.UTF8.GetBytes("Package: a\nStatus: purge ok not-installed\nVersion: 1.0\n\n"));
        Application2 a = Assert.Single(apps);
        Assert.Equal("1.0", a.App2Version);
        Assert.Equal(string.Empty, a.App2Release);
    }

    [Fact]
    public void Dpkg_LineLongerThanTheBuffer_IsReadAsTwoLines()
    {
        // fgets with a 1024-byte buffer: 1023 bytes, then the rest of the line as a line of its own.
        string longSummary = new('s', 1023 - "Description: ".Length);
        string status = "Package: a\nStatus: install ok installed\nVersion: 1\nDescription: " + longSummary + "Package: b\n\n";
        Application2 app = Assert.Single(PackageDatabases.ParseDpkgStatus(Encoding.UTF8.GetBytes(status)));
        Assert.Equal("b", app.App2Name);
        Assert.Equal(longSummary, app.App2Summary);
    }

    [Fact]
    public void Dpkg_GarbageAndNuls_NoCrash()
    {
        byte[] garbage = [0, 0xff, 0xfe, (byte)'\n', (byte)'\n', (byte)' ', 0, (byte)'\n'];
        Assert.Empty(PackageDatabases.ParseDpkgStatus(garbage));
        Assert.Empty(PackageDatabases.ParseDpkgStatus([]));
    }

    [Fact]
    public void Apk_PackagesWithRevisionEpochAndInvalidLines()
    {
        const string installed =
            "C:Q1abc=\n" +
            "P:musl\n" +
            "V:1.2.4-r2\n" +
            "A:x86_64\n" +
            "T:the musl c library (libc) implementation\n" +
            "U:https://musl.libc.org/\n" +
            "not a field line\n" +
            "\n" +
            "P:busybox\n" +
            "V:3:1.36.1-r5\n" +
            "\n" +
            "P:noversion\n" +
            "\n" +
            "P:tail\n" +
            "V:1\n";
        var apps = PackageDatabases.ParseApkInstalled(Encoding.UTF8.GetBytes(installed));
        Assert.Equal(["musl", "busybox"], apps.Select(a => a.App2Name));
        Assert.Equal(("1.2.4", "2", 0, "x86_64"), (apps[0].App2Version, apps[0].App2Release, apps[0].App2Epoch, apps[0].App2Arch));
        Assert.Equal("the musl c library (libc) implementation", apps[0].App2Description);
        Assert.Equal("https://musl.libc.org/", apps[0].App2Url);
        Assert.Equal(string.Empty, apps[0].App2Summary);
        Assert.Equal(("1.36.1", "5", 3), (apps[1].App2Version, apps[1].App2Release, apps[1].App2Epoch));
    }

    [Fact]
    public void Pacman_DescWithEpoch_AndMandatoryFieldsMissing()
    {
        const string desc =
            "%NAME%\nlinux\n\n" +
            "%VERSION%\n1:6.6.7.arch1-1\n\n" +
            "%DESC%\nThe Linux kernel and modules\n\n" +
            "%URL%\nhttps://github.com/archlinux/linux\n\n" +
            "%ARCH%\nx86_64\n\n" +
            "%BUILDDATE%\n1702000000\n\n";
        Application2? app = PackageDatabases.ParsePacmanDesc(Encoding.UTF8.GetBytes(desc));
        Assert.NotNull(app);
        Assert.Equal(("linux", 1, "6.6.7.arch1", "1", "x86_64"), (app.App2Name, app.App2Epoch, app.App2Version, app.App2Release, app.App2Arch));
        Assert.Equal("The Linux kernel and modules", app.App2Description);
        Assert.Equal("https://github.com/archlinux/linux", app.App2Url);

        Assert.Null(PackageDatabases.ParsePacmanDesc(Encoding.UTF8.GetBytes("%NAME%\na\n\n%VERSION%\n1.0\n\n%ARCH%\nany\n")));
        Assert.Null(PackageDatabases.ParsePacmanDesc(Encoding.UTF8.GetBytes("%NAME%\na\n\n%VERSION%\n1.0-1\n")));
        Assert.Null(PackageDatabases.ParsePacmanDesc(Encoding.UTF8.GetBytes("%NAME%\na\n\n%VERSION%\n-1:1.0-1\n\n%ARCH%\nany\n")));
        Assert.Null(PackageDatabases.ParsePacmanDesc([0xff, 0, (byte)'\n']));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("12", 12)]
    [InlineData(" 7", 7)]
    [InlineData("+3", 3)]
    [InlineData("-2", -2)]
    [InlineData("", -1)]
    [InlineData("1a", -1)]
    [InlineData("x", -1)]
    [InlineData("99999999999999999999", -1)]
    [InlineData("4294967297", 1)]
    public void Epoch_ParsedAsStrtolIntoAnInt(string text, int expected)
    {
        Assert.Equal(expected, PackageDatabases.ParseEpoch(text));
    }

    [Fact]
    public void Sort_ByUtf8BytesAndStableForEqualNames()
    {
        var apps = new[] { "b", "B", "a", "é", "b" }
            .Select((n, i) => PackageDatabases.Make(n, string.Empty, i, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty));
        var sorted = PackageDatabases.SortByName(apps);
        Assert.Equal(["B", "a", "b", "b", "é"], sorted.Select(a => a.App2Name));
        Assert.Equal([0, 4], sorted.Where(a => a.App2Name == "b").Select(a => a.App2Epoch));
    }
}
