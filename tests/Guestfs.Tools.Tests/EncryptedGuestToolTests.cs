using System.IO;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// virt-cat on an encrypted guest (<see cref="EncryptedGuestImage"/>: LUKS2 and LVM on LUKS1) with the keys on
/// standard input: the tools open the devices through the library's <c>DecryptDisksAsync</c>, as gfish's <c>-i</c>
/// does, and must print what stock virt-cat prints.
/// </summary>
[Trait("Category", "Appliance")]
public sealed class EncryptedGuestToolTests : IClassFixture<EncryptedGuestToolTests.EncryptedImage>
{
    private readonly EncryptedImage _image;

    public EncryptedGuestToolTests(EncryptedImage image)
    {
        _image = image;
    }

    [SkippableFact]
    public async Task Cat_KeysFromStdin_SameAsStock()
    {
        Skip.If(_image.SkipReason is not null, _image.SkipReason);
        var run = await ToolComparison.RunAsync(
            "virt-cat", ["--format=raw", "-a", _image.Disk, "--keys-from-stdin", "/home/user.txt", "/etc/hostname"], _image.Directory, EncryptedGuestImage.Keys);
        Assert.Equal("home data\ncrypttest\n", run.Stock.Stdout);
        run.AssertSameAndSucceeded();
    }

    /// <summary>The image, built once for the class, removed afterwards.</summary>
    public sealed class EncryptedImage : IAsyncLifetime
    {
        public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("tools-luks-").FullName;

        public string Disk => Path.Combine(Directory, EncryptedGuestImage.FileName);

        public string? SkipReason { get; private set; }

        public async Task InitializeAsync() => (_, SkipReason) = await EncryptedGuestImage.BuildAsync(Directory);

        public Task DisposeAsync()
        {
            System.IO.Directory.Delete(Directory, recursive: true);
            return Task.CompletedTask;
        }
    }
}
