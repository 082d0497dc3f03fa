using System;
using System.IO;
using System.Threading.Tasks;

namespace Gfish.Tests;

/// <summary>
/// <c>-i</c> on an encrypted guest, stock guestfish against eng/gfish: a LUKS2 partition holding an ext4 <c>/home</c>
/// (by label in the guest's fstab) and a LUKS1 partition holding LVM with the ext4 root. The keys come from standard
/// input (<c>--keys-from-stdin</c>, one a line, partitions in order); both shells must open them as
/// <c>/dev/mapper/luks-UUID</c>, rescan LVM, inspect and mount the same way, and fail the same way on a wrong key.
/// </summary>
[Trait("Category", "Appliance")]
public sealed class EncryptedGuestDifferentialTests : IClassFixture<EncryptedGuestDifferentialTests.EncryptedImage>
{
    private static readonly string[] s_show = ["--", "mountpoints", ":", "mounts", ":", "cat", "/home/user.txt", ":", "cat", "/etc/hostname", ":", "lvs"];
    private readonly EncryptedImage _image;

    public EncryptedGuestDifferentialTests(EncryptedImage image)
    {
        _image = image;
    }

    [SkippableFact]
    public async Task InspectOption_KeysFromStdin_StockAndGfish_SameMountsAndOutput()
    {
        Skip.If(_image.SkipReason is not null, _image.SkipReason);
        string[] args = ["--ro", "--format=raw", "-a", _image.Disk, "-i", "--keys-from-stdin", .. s_show];
        var stock = await ExternalProgram.RunStockAsync("guestfish", args, _image.Directory, EncryptedImage.Keys);
        var ours = await ExternalProgram.RunStockAsync(RepositoryPaths.Gfish, args, _image.Directory, EncryptedImage.Keys);
        Assert.True(stock.ExitCode == 0, stock.ToString());
        Assert.Contains($"/dev/mapper/luks-{_image.HomeUuid}: /home\n", stock.Stdout, StringComparison.Ordinal);
        // cat prints the file, then a newline of its own.
        Assert.Contains("home data\n\ncrypttest\n\n/dev/vgc/root\n", stock.Stdout, StringComparison.Ordinal);
        Assert.Equal(stock.Stdout, ours.Stdout);
        Assert.Equal(stock.ExitCode, ours.ExitCode);
    }

    [SkippableFact]
    public async Task InspectOption_WrongKey_StockAndGfish_SameErrorAndExitCode()
    {
        Skip.If(_image.SkipReason is not null, _image.SkipReason);
        string[] args = ["--ro", "--format=raw", "-a", _image.Disk, "-i", "--keys-from-stdin", "--", "echo", "not reached"];
        var stock = await ExternalProgram.RunStockAsync("guestfish", args, _image.Directory, "two-secret\nwrong\n");
        var ours = await ExternalProgram.RunStockAsync(RepositoryPaths.Gfish, args, _image.Directory, "two-secret\nwrong\n");
        Assert.Equal(1, stock.ExitCode);
        Assert.StartsWith("guestfish: could not find key to open LUKS encrypted /dev/sda2.\n\nTry using --key on the command line.\n\nOriginal error: cryptsetup_open: ", stock.Stderr, StringComparison.Ordinal);
        Assert.Equal((stock.ExitCode, stock.Stdout, SyntaxDifferentialTests.AsGfish(stock.Stderr)), (ours.ExitCode, ours.Stdout, ours.Stderr));
    }

    /// <summary>The encrypted guest (<see cref="EncryptedGuestImage"/>), built once per test run, removed afterwards.</summary>
    public sealed class EncryptedImage : IAsyncLifetime
    {
        /// <summary>The keys of sda1 (LUKS2) and sda2 (LUKS1), as typed.</summary>
        public const string Keys = EncryptedGuestImage.Keys;

        public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("gfish-luks-").FullName;

        public string Disk => Path.Combine(Directory, EncryptedGuestImage.FileName);

        /// <summary>The LUKS UUID of the partition holding /home.</summary>
        public string HomeUuid { get; private set; } = string.Empty;

        /// <summary>Why the tests cannot run here, or null.</summary>
        public string? SkipReason { get; private set; }

        public async Task InitializeAsync() => (HomeUuid, SkipReason) = await EncryptedGuestImage.BuildAsync(Directory);

        public Task DisposeAsync()
        {
            System.IO.Directory.Delete(Directory, recursive: true);
            return Task.CompletedTask;
        }
    }
}
