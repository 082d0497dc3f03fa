using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace Guestfs.TestSupport;

/// <summary>
/// A guest image (raw, 192 MiB) with two RPM-based roots for comparing inspection with stock libguestfs. MBR with
/// <c>/dev/sda1</c> ext4 <c>/boot</c> (named by UUID in fstab) and <c>/dev/sda2</c> a Fedora-like ext4 root (named by
/// label): the release files libguestfs reads (<c>/etc/fedora-release</c>, <c>/etc/redhat-release</c> and
/// <c>/etc/system-release</c> linking to it, <c>/etc/os-release</c>), <c>/etc/hostname</c>, the merged-/usr symlinks
/// (<c>/bin</c> → <c>usr/bin</c>, which the Linux root check accepts), <c>/usr/bin/dnf</c>, a Fedora logo, and a
/// sqlite RPM database (<see cref="RpmDatabase"/>) holding <see cref="Packages"/>: an epoch, one name in two
/// architectures, one name in two versions, and XML-special text in summaries, descriptions and URLs.
/// <c>/dev/sda3</c> is a RHEL-like root (<see cref="WriteRhelRootAsync"/>).
/// </summary>
internal static class RpmGuestImage
{
    /// <summary>The UUID of the <c>/boot</c> filesystem, as fstab names it.</summary>
    public const string BootUuid = "3a1f0a65-8c2e-4f6e-9a59-0c1b2d3e4f50";

    /// <summary>The installed packages, in the order they were recorded.</summary>
    public static IReadOnlyList<RpmPackage> Packages { get; } =
    [
        Package("fedora-release", 0, "40", "39", "noarch"),
        Package("glibc", 0, "2.39", "4.fc40", "x86_64"),
        Package("glibc", 0, "2.39", "4.fc40", "i686"),
        Package("bash", 0, "5.2.26", "3.fc40", "x86_64"),
        Package("openssl-libs", 1, "3.2.1", "2.fc40", "x86_64"),
        Package("kernel-core", 0, "6.8.5", "301.fc40", "x86_64"),
        Package("kernel-core", 0, "6.9.1", "200.fc40", "x86_64"),
        Package("xml-chars", 2, "1.0", "1.fc40", "noarch"),
    ];

    /// <summary>The packages of the RHEL-like root on <c>/dev/sda3</c>.</summary>
    public static IReadOnlyList<RpmPackage> RhelPackages { get; } =
    [
        Package("redhat-release", 0, "9.3", "0.5.el9", "x86_64"),
        Package("glibc", 0, "2.34", "83.el9_3.7", "x86_64"),
        Package("shim-x64", 0, "15.7", "1.el9", "x86_64"),
    ];

    /// <summary>Whether the host has what <see cref="BuildAsync"/> needs besides stock guestfish.</summary>
    public static bool HostCanBuild => RpmDatabase.HostCanBuild && File.Exists("/usr/bin/tar");

    /// <summary>Builds <c>fedora.img</c> in <paramref name="directory"/> (with stock guestfish) and returns its path.</summary>
    public static async Task<string> BuildAsync(string directory)
    {
        string root = Path.Combine(directory, "fedora-root");
        Directory.CreateDirectory(root);
        await RpmDatabase.WriteAsync(directory, root, Packages);

        Write(root, "etc/fedora-release", "Fedora release 40 (Forty)\n");
        File.CreateSymbolicLink(Path.Combine(root, "etc/redhat-release"), "fedora-release");
        File.CreateSymbolicLink(Path.Combine(root, "etc/system-release"), "fedora-release");
        Write(root, "etc/os-release", """
            NAME="Fedora Linux"
            VERSION="40 (Server Edition)"
            ID=fedora
            VERSION_ID=40
            VERSION_CODENAME=""
            PLATFORM_ID="platform:f40"
            PRETTY_NAME="Fedora Linux 40 (Server Edition)"
            CPE_NAME="cpe:/o:fedoraproject:fedora:40"
            HOME_URL="https://fedoraproject.org/"
            VARIANT="Server Edition"
            VARIANT_ID=server

            """);
        Write(root, "etc/fstab", $"""
            #
            # /etc/fstab
            #
            LABEL=fedroot / ext4 defaults 1 1
            UUID={BootUuid} /boot ext4 defaults 1 2
            /dev/mapper/swap none swap defaults 0 0

            """);
        Write(root, "etc/hostname", "fedtest.example.org\n");
        Write(root, "usr/lib/rpm/macros", RpmDatabase.GuestMacros);
        Write(root, "usr/lib/rpm/rpmrc", string.Empty);
        Write(root, "usr/bin/dnf", "#!/usr/bin/python3\n"); // libguestfs says "dnf" for Fedora 22+ only when it exists
        File.CreateSymbolicLink(Path.Combine(root, "bin"), "usr/bin");
        File.CreateSymbolicLink(Path.Combine(root, "lib"), "usr/lib");
        Directory.CreateDirectory(Path.Combine(root, "usr/share/icons/hicolor/96x96/apps"));
        await File.WriteAllBytesAsync(Path.Combine(root, "usr/share/icons/hicolor/96x96/apps/fedora-logo-icon.png"), TestPng.Logo);
        Write(root, "boot/config-6.9.1-200.fc40.x86_64", "CONFIG_X86_64=y\n");

        await TarAsync(root, Path.Combine(directory, "fedora-root.tar"));
        await TarAsync(await WriteRhelRootAsync(directory), Path.Combine(directory, "rhel-root.tar"));
        await GuestfishImageBuilder.BuildAsync(directory, new Dictionary<string, byte[]>(), $"""
            sparse fedora.img 192M
            run
            part-init /dev/sda mbr
            part-add /dev/sda p 2048 65535
            part-add /dev/sda p 65536 196607
            part-add /dev/sda p 196608 -2048
            mkfs ext4 /dev/sda1 label:boot
            set-uuid /dev/sda1 {BootUuid}
            mkfs ext4 /dev/sda2 label:fedroot
            mount /dev/sda2 /
            mkdir /boot
            mount /dev/sda1 /boot
            tar-in fedora-root.tar /
            umount-all
            mkfs ext4 /dev/sda3 label:rhelroot
            mount /dev/sda3 /
            tar-in rhel-root.tar /
            umount-all
            """, "fedora.gfs");
        return Path.Combine(directory, "fedora.img");
    }

    /// <summary>
    /// A RHEL 9-like root: release files without a Fedora one, no <c>/etc/hostname</c> (the hostname is in
    /// <c>/etc/sysconfig/network</c>, which libguestfs reads through Augeas), a real <c>/bin</c>, RHEL's logo
    /// (<c>system-logo-icon.png</c>) and its own RPM database.
    /// </summary>
    private static async Task<string> WriteRhelRootAsync(string directory)
    {
        string root = Path.Combine(directory, "rhel-root");
        Directory.CreateDirectory(root);
        await RpmDatabase.WriteAsync(directory, root, RhelPackages);
        Write(root, "etc/redhat-release", "Red Hat Enterprise Linux release 9.3 (Plow)\n");
        File.CreateSymbolicLink(Path.Combine(root, "etc/system-release"), "redhat-release");
        Write(root, "etc/os-release", """
            NAME="Red Hat Enterprise Linux"
            VERSION="9.3 (Plow)"
            ID="rhel"
            ID_LIKE="fedora"
            VERSION_ID="9.3"
            PLATFORM_ID="platform:el9"
            PRETTY_NAME="Red Hat Enterprise Linux 9.3 (Plow)"

            """);
        Write(root, "etc/fstab", "/dev/sda3 / ext4 defaults 1 1\n");
        Write(root, "etc/sysconfig/network", "NETWORKING=yes\nHOSTNAME=rhel9.example.com\n");
        Write(root, "usr/lib/rpm/macros", RpmDatabase.GuestMacros);
        Write(root, "usr/lib/rpm/rpmrc", string.Empty);
        Write(root, "bin/bash", "#!/bin/false\n");
        Write(root, "usr/bin/dnf", "#!/usr/bin/python3\n");
        Directory.CreateDirectory(Path.Combine(root, "usr/share/icons/hicolor/96x96/apps"));
        await File.WriteAllBytesAsync(Path.Combine(root, "usr/share/icons/hicolor/96x96/apps/system-logo-icon.png"), TestPng.Logo);
        return root;
    }

    private static async Task TarAsync(string root, string tar)
    {
        var packed = await ExternalProgram.RunAsync("tar", ["-C", root, "-cf", tar, "."]);
        if (packed.ExitCode != 0)
        {
            throw new InvalidOperationException($"tar of {root} failed ({packed.ExitCode}): {packed.Stderr}");
        }
    }

    private static RpmPackage Package(string name, int epoch, string version, string release, string arch) =>
        new(name, epoch, version, release, arch,
            $"The {name} package <{arch}> & \"more\"",
            $"{name} for {arch}.\nA second line with <markup> & 'quotes'.",
            $"https://example.org/{name}?arch={arch}&v={version}");

    private static void Write(string root, string path, string text)
    {
        string full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text, new UTF8Encoding(false));
    }
}
