using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Guestfs.TestSupport;

/// <summary>
/// An encrypted Linux guest for the <c>-i</c> / <c>--keys-from-stdin</c> comparisons with stock: <c>/dev/sda1</c> is
/// LUKS2 (key <c>two-secret</c>) holding an ext4 labelled <c>home</c> with <c>/user.txt</c>; <c>/dev/sda2</c> is LUKS1
/// (key <c>one-secret</c>) holding LVM (<c>vgc/root</c>, ext4) with a Debian-like root whose fstab mounts
/// <c>LABEL=home</c> on <c>/home</c>. The LUKS headers are made by the host's cryptsetup with a cheap key derivation
/// (so opening a device costs little under TCG); the rest is built with gfish on our appliance.
/// </summary>
internal static class EncryptedGuestImage
{
    /// <summary>The keys of sda1 and sda2, one a line, in the order the tools ask for them.</summary>
    public const string Keys = "two-secret\none-secret\n";

    /// <summary>The image's file name in the directory.</summary>
    public const string FileName = "luks.img";

    /// <summary>The host's cryptsetup, which makes the LUKS headers.</summary>
    public const string Cryptsetup = "/usr/sbin/cryptsetup";

    /// <summary>Why LUKS headers cannot be made here, or null.</summary>
    public static string? SkipReason => File.Exists(Cryptsetup) ? null : "the host has no cryptsetup to make the LUKS headers";

    /// <summary>Builds the image in <paramref name="directory"/>.</summary>
    /// <returns>The LUKS UUID of sda1, and why the image cannot be built here (null when it was).</returns>
    public static async Task<(string HomeUuid, string? SkipReason)> BuildAsync(string directory)
    {
        if (SkipReason is not null)
        {
            return (string.Empty, SkipReason);
        }

        await FormatAsync(Path.Combine(directory, "p1.img"), 32L << 20, "luks2", "two-secret");
        await FormatAsync(Path.Combine(directory, "p2.img"), 48L << 20, "luks1", "one-secret");
        var homeUuid = (await ExternalProgram.RunAsync(Cryptsetup, ["luksUUID", Path.Combine(directory, "p1.img")], directory)).Stdout.Trim();

        // gfish reads the keys of cryptsetup-open from the script itself (--keys-from-stdin with the script on
        // standard input), as guestfish does.
        var built = await ExternalProgram.RunStockAsync(RepositoryPaths.Gfish, ["--keys-from-stdin"], directory, """
            sparse luks.img 88M
            run
            part-init /dev/sda mbr
            part-add /dev/sda p 2048 67583
            part-add /dev/sda p 67584 165887
            upload p1.img /dev/sda1
            upload p2.img /dev/sda2
            cryptsetup-open /dev/sda1 h
            two-secret
            mkfs ext4 /dev/mapper/h label:home
            mount /dev/mapper/h /
            write /user.txt "home data\n"
            umount-all
            cryptsetup-close /dev/mapper/h
            cryptsetup-open /dev/sda2 r
            one-secret
            pvcreate /dev/mapper/r
            vgcreate vgc /dev/mapper/r
            lvcreate root vgc 32
            mkfs ext4 /dev/vgc/root
            mount /dev/vgc/root /
            mkdir-p /bin
            mkdir /etc
            mkdir /home
            write /etc/os-release "NAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nID=debian\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
            write /etc/debian_version "12.4\n"
            write /etc/fstab "/dev/vgc/root / ext4 defaults 0 1\nLABEL=home /home ext4 defaults 0 2\n"
            write /etc/hostname "crypttest\n"
            umount-all
            vg-activate-all false
            cryptsetup-close /dev/mapper/r

            """);
        Assert.True(built.ExitCode == 0, built.ToString());
        return (homeUuid, null);
    }

    /// <summary>
    /// Makes <paramref name="path"/> a sparse file of <paramref name="size"/> bytes holding an empty LUKS container of
    /// <paramref name="type"/> (<c>luks1</c>, <c>luks2</c>) opened by <paramref name="key"/>, with a key derivation cheap
    /// enough for TCG.
    /// </summary>
    public static async Task FormatAsync(string path, long size, string type, string key)
    {
        await using (var file = File.Create(path))
        {
            file.SetLength(size);
        }

        var made = await ExternalProgram.RunAsync(
            Cryptsetup, ["luksFormat", "--batch-mode", "--type", type, "--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000", path, "-"], Path.GetDirectoryName(path), input: key);
        Assert.True(made.ExitCode == 0, made.ToString());
    }
}
