using Guestfs.Inspection;

namespace Guestfs.Tests.Inspection;

/// <summary>libguestfs 1.48.6's table from inspection facts to libosinfo short ids.</summary>
public sealed class OsinfoMapTests
{
    [Theory]
    [InlineData("linux", "debian", 12, 4, "debian12")]
    [InlineData("linux", "debian", 3, 1, "debian3.1")]
    [InlineData("linux", "ubuntu", 22, 4, "ubuntu22.04")]
    [InlineData("linux", "ubuntu", 20, 10, "ubuntu20.10")]
    [InlineData("linux", "centos", 8, 5, "centos8")]
    [InlineData("linux", "centos", 7, 9, "centos7.0")]
    [InlineData("linux", "centos", 6, 10, "centos6.10")]
    [InlineData("linux", "centos", 5, 11, "centos5.11")]
    [InlineData("linux", "rocky", 9, 1, "rocky9")]
    [InlineData("linux", "fedora", 35, 0, "fedora35")]
    [InlineData("linux", "mageia", 8, 0, "mageia8")]
    [InlineData("linux", "sles", 15, 0, "sles15")]
    [InlineData("linux", "sles", 15, 3, "sles15sp3")]
    [InlineData("linux", "archlinux", 0, 0, "archlinux")]
    [InlineData("linux", "voidlinux", 0, 0, "voidlinux")]
    [InlineData("linux", "altlinux", 9, 1, "alt9.1")]
    [InlineData("linux", "altlinux", 7, 0, "altlinux7.0")]
    [InlineData("linux", "rhel", 9, 2, "rhel9.2")]
    [InlineData("linux", "alpine", 0, 0, "unknown")]
    [InlineData("linux", "unknown", 3, 0, "unknown")]
    [InlineData("freebsd", "freebsd", 13, 2, "freebsd13.2")]
    [InlineData("dos", "msdos", 6, 22, "msdos6.22")]
    [InlineData("dos", "freedos", 1, 0, "unknown")]
    [InlineData("hurd", "debian", 0, 0, "unknown")]
    public void Unix(string type, string distro, int major, int minor, string expected)
    {
        Assert.Equal(expected, OsinfoMap.ShortId(type, distro, major, minor, null, null));
    }

    [Theory]
    [InlineData(5, 1, "Microsoft Windows XP", "Client", "winxp")]
    [InlineData(5, 2, "Windows XP Professional x64", "Client", "winxp")]
    [InlineData(5, 2, "Windows Server 2003 R2", "Server", "win2k3r2")]
    [InlineData(5, 2, "Windows Server 2003", "Server", "win2k3")]
    [InlineData(6, 0, "Windows Vista", "Client", "winvista")]
    [InlineData(6, 0, "Windows Server 2008", "Server", "win2k8")]
    [InlineData(6, 1, "Windows 7 Enterprise", "Client", "win7")]
    [InlineData(6, 1, "Windows Server 2008 R2", "Server", "win2k8r2")]
    [InlineData(6, 2, "Windows 8", "Client", "win8")]
    [InlineData(6, 3, "Windows Server 2012 R2", "Server", "win2k12r2")]
    [InlineData(6, 3, "Windows 8.1", "Client", "win8.1")]
    [InlineData(10, 0, "Windows 10 Pro", "Client", "win10")]
    [InlineData(10, 0, "Windows Server 2022 Standard", "Server", "win2k22")]
    [InlineData(10, 0, "Windows Server 2019 Datacenter", "Server", "win2k19")]
    [InlineData(10, 0, "Windows Server 2016", "Server", "win2k16")]
    [InlineData(4, 0, "Windows NT", "Client", "unknown")]
    public void Windows(int major, int minor, string productName, string variant, string expected)
    {
        Assert.Equal(expected, OsinfoMap.ShortId("windows", "windows", major, minor, productName, variant));
    }
}
