using System;
using System.IO;
using System.Threading.Tasks;
using Guestfs.Backends.Direct;

namespace Guestfs.ApplianceTests;

public sealed class Ext2SuperblockTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("guestfs-ext2-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ReadUuid_Ext2Image_ReturnsTheUuidMke2fsWrote()
    {
        string image = Path.Combine(_directory, "root");
        string uuid = Guid.NewGuid().ToString();
        ProcessOutcome made = await ApplianceFixture.RunAsync("mke2fs", ["-q", "-F", "-t", "ext2", "-U", uuid, image, "2M"], TimeSpan.FromSeconds(60));
        Assert.True(made.ExitCode == 0, made.Output);

        Assert.Equal(uuid, Ext2Superblock.ReadUuid(image));
    }

    [Fact]
    public void ReadUuid_NotAnExtImage_ThrowsInvalidData()
    {
        string image = Path.Combine(_directory, "zeros");
        File.WriteAllBytes(image, new byte[4096]);

        Assert.Throws<InvalidDataException>(() => Ext2Superblock.ReadUuid(image));
    }
}
