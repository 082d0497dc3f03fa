using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace Gfish.Tests;

/// <summary>
/// The library-side inspection calls (inspect_list_applications2, inspect_list_applications, inspect_get_osinfo,
/// inspect_get_icon) through stock guestfish and through eng/gfish on images built here in one stock guestfish
/// run: a Debian-like single root (dpkg status, os-release, debian_version, fstab, a logo) opened with <c>-i</c>,
/// and a disk with an Alpine-like root (apk installed database) and an Arch-like root (pacman local database with
/// broken entries), mounted in turn. Standard output and exit code must be identical.
/// </summary>
[Trait("Category", "Appliance")]
public sealed class InspectionDifferentialTests : IClassFixture<InspectionDifferentialTests.GuestImage>
{
    private readonly GuestImage _image;

    public InspectionDifferentialTests(GuestImage image)
    {
        _image = image;
    }

    [Fact]
    public async Task InspectOption_DebianRoot_StockAndGfish_SameOutputAndExitCode()
    {
        string script = Path.Combine(_image.Directory, "inspect-i.gfs");
        await File.WriteAllTextAsync(script, """
            inspect-get-osinfo /dev/sda1
            inspect-list-applications2 /dev/sda1
            inspect-list-applications /dev/sda1
            inspect-get-icon /dev/sda1 | md5sum
            inspect-get-icon /dev/sda1 favicon:false highquality:true | wc -c
            """);
        await AssertSameAsync(["--ro", "--format=raw", "-a", _image.DebianDisk, "-i", "-f", script], "debian12", "app2_name: libc6");
    }

    [Fact]
    public async Task MountedRoots_AlpineAndArch_StockAndGfish_SameOutputAndExitCode()
    {
        string script = Path.Combine(_image.Directory, "inspect-roots.gfs");
        await File.WriteAllTextAsync(script, """
            run
            inspect-os
            mount-ro /dev/sda1 /
            inspect-get-osinfo /dev/sda1
            inspect-list-applications2 /dev/sda1
            inspect-get-icon /dev/sda1 | wc -c
            umount-all
            mount-ro /dev/sda2 /
            inspect-get-osinfo /dev/sda2
            inspect-list-applications2 /dev/sda2
            inspect-list-applications /dev/sda2
            umount-all
            """);
        await AssertSameAsync(["--ro", "--format=raw", "-a", _image.Disk, "-f", script], "app2_name: musl", "app2_name: linux");
    }

    private async Task AssertSameAsync(string[] args, params string[] stockMustContain)
    {
        var stock = await ExternalProgram.RunStockAsync("guestfish", args, _image.Directory);
        var ours = await ExternalProgram.RunStockAsync(RepositoryPaths.Gfish, args, _image.Directory);
        Assert.True(stock.ExitCode == 0, "stock guestfish failed: " + stock.Stderr);
        foreach (string expected in stockMustContain)
        {
            Assert.Contains(expected, stock.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(stock.Stdout, ours.Stdout);
        Assert.Equal(stock.ExitCode, ours.ExitCode);
    }

    /// <summary>The shared image: made once per test run with stock guestfish, removed afterwards.</summary>
    public sealed class GuestImage : IAsyncLifetime
    {
        // A 32x32 one-colour PNG (84 bytes), under the 2048-byte limit for the Debian logo.
        private const string LogoPng = "iVBORw0KGgoAAAANSUhEUgAAACAAAAAgAQMAAABJtOi3AAAAA1BMVEX/AAAZ4gk3AAAADElEQVQImWNgGNwAAACgAAHlG0+uAAAAAElFTkSuQmCC";

        public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("gfish-inspect-").FullName;

        /// <summary>Two roots: Alpine-like on sda1, Arch-like on sda2.</summary>
        public string Disk => Path.Combine(Directory, "guests.img");

        /// <summary>One Debian-like root on sda1, for <c>-i</c>.</summary>
        public string DebianDisk => Path.Combine(Directory, "debian.img");

        public async Task InitializeAsync()
        {
            var text = new Dictionary<string, string>
            {
                ["deb-os-release"] = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nID=debian\n",
                ["deb-version"] = "12.4\n",
                ["fstab1"] = "/dev/sda1 / ext4 defaults 0 1\n",
                ["fstab2"] = "/dev/sda2 / ext4 defaults 0 1\n",
                ["dpkg-status"] =
                    "Package: bash\nStatus: install ok installed\nPriority: required\nArchitecture: amd64\nSource: bash (5.2.15-2)\n" +
                    "Version: 5.2.15-2+b2\nHomepage: http://tiswww.case.edu/php/chet/bash/bashtop.html\nDescription: GNU Bourne Again SHell\n" +
                    " Bash is an sh-compatible command language interpreter.\n .\n Bash is ultimately intended to be a conformant implementation.\n" +
                    "Conffiles:\n /etc/bash.bashrc 89269e1298235f1b12b4c16e4065ad0d\n\n" +
                    "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2:2.36-9+deb12u4\nDescription: GNU C Library: Shared libraries\n\n" +
                    "Package: removed-pkg\nStatus: deinstall ok config-files\nVersion: 1.0-1\n\n" +
                    "Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\n\n" +
                    "Package: adduser\nStatus: install ok installed\nArchitecture: all\nVersion: 3.134\nDescription: add and remove users and groups\n\n",
                ["alpine-os-release"] = "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.18.4\nPRETTY_NAME=\"Alpine Linux v3.18\"\n",
                ["alpine-release"] = "3.18.4\n",
                ["apk-installed"] =
                    "C:Q1abc=\nP:musl\nV:1.2.4-r2\nA:x86_64\nS:383152\nT:the musl c library (libc) implementation\nU:https://musl.libc.org/\nL:MIT\n\n" +
                    "C:Q1def=\nP:busybox\nV:1.36.1-r5\nA:x86_64\nT:Size optimized toolbox of many common UNIX utilities\nU:https://busybox.net/\n\n" +
                    "P:alpine-baselayout\nV:3.4.3-r1\nA:x86_64\n\n",
                ["arch-os-release"] = "NAME=\"Arch Linux\"\nPRETTY_NAME=\"Arch Linux\"\nID=arch\nBUILD_ID=rolling\n",
                ["pacman-linux"] = "%NAME%\nlinux\n\n%VERSION%\n6.6.7.arch1-1\n\n%DESC%\nThe Linux kernel and modules\n\n%URL%\nhttps://github.com/archlinux/linux\n\n%ARCH%\nx86_64\n\n",
                ["pacman-glibc"] = "%NAME%\nglibc\n\n%VERSION%\n2.38-7\n\n%DESC%\nGNU C Library\n\n%ARCH%\nx86_64\n\n",
                ["pacman-epoch"] = "%NAME%\nlibjpeg-turbo\n\n%VERSION%\n1:3.0.1-1\n\n%ARCH%\nx86_64\n\n",
                ["pacman-broken"] = "%NAME%\nbroken\n\n%VERSION%\n1.0\n\n%ARCH%\nx86_64\n\n",
            };
            var files = text.ToDictionary(f => f.Key, f => Encoding.UTF8.GetBytes(f.Value));
            files["logo.png"] = Convert.FromBase64String(LogoPng);
            await GuestfishImageBuilder.BuildAsync(Directory, files, """
                sparse guests.img 112M
                sparse debian.img 48M
                run
                part-init /dev/sda mbr
                part-add /dev/sda p 2048 110591
                part-add /dev/sda p 110592 219135
                part-disk /dev/sdb mbr
                mkfs ext4 /dev/sda1
                mkfs ext4 /dev/sda2
                mkfs ext4 /dev/sdb1
                mount /dev/sdb1 /
                mkdir-p /bin
                mkdir-p /var/lib/dpkg
                mkdir-p /usr/share/pixmaps
                mkdir-p /etc
                upload deb-os-release /etc/os-release
                upload deb-version /etc/debian_version
                upload fstab1 /etc/fstab
                write /etc/hostname "debtest"
                upload dpkg-status /var/lib/dpkg/status
                upload logo.png /usr/share/pixmaps/debian-logo.png
                umount-all
                mount /dev/sda1 /
                mkdir-p /bin
                mkdir-p /etc
                mkdir-p /lib/apk/db
                upload alpine-os-release /etc/os-release
                upload alpine-release /etc/alpine-release
                upload fstab1 /etc/fstab
                upload apk-installed /lib/apk/db/installed
                umount-all
                mount /dev/sda2 /
                mkdir-p /bin
                mkdir-p /etc
                upload arch-os-release /etc/os-release
                upload fstab2 /etc/fstab
                mkdir-p /var/lib/pacman/local/linux-6.6.7.arch1-1
                upload pacman-linux /var/lib/pacman/local/linux-6.6.7.arch1-1/desc
                mkdir-p /var/lib/pacman/local/glibc-2.38-7
                upload pacman-glibc /var/lib/pacman/local/glibc-2.38-7/desc
                mkdir-p /var/lib/pacman/local/libjpeg-turbo-1:3.0.1-1
                upload pacman-epoch /var/lib/pacman/local/libjpeg-turbo-1:3.0.1-1/desc
                mkdir-p /var/lib/pacman/local/broken-1.0
                upload pacman-broken /var/lib/pacman/local/broken-1.0/desc
                mkdir-p /var/lib/pacman/local/nodesc-1.0-1
                write /var/lib/pacman/local/ALPM_DB_VERSION "9"
                umount-all
                """);
        }

        public Task DisposeAsync()
        {
            System.IO.Directory.Delete(Directory, recursive: true);
            return Task.CompletedTask;
        }
    }
}
