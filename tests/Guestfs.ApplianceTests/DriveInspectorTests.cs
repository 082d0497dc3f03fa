using System;
using System.IO;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Backends.Direct;

namespace Guestfs.ApplianceTests;

public sealed class DriveInspectorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("guestfs-drive-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<string> CreateImageAsync(string name, params string[] qemuImgArguments)
    {
        string path = Path.Combine(_directory, name);
        ProcessOutcome result = await ApplianceFixture.RunAsync("qemu-img", [.. qemuImgArguments, path, "16M"], TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.Output);
        return path;
    }

    [Fact]
    public async Task Resolve_NoFormatOnRawFile_ProbesRaw()
    {
        string raw = await CreateImageAsync("plain.img", "create", "-q", "-f", "raw");

        ResolvedDrive drive = Assert.Single(await DriveInspector.ResolveAsync([new DriveSpec(raw)], "qemu-img", default));

        Assert.Equal("raw", drive.Format);
        Assert.True(drive.Probed);
    }

    [Fact]
    public async Task Resolve_NoFormatOnImageWithBackingFile_IsRefused()
    {
        string secret = Path.Combine(_directory, "host-secret");
        await File.WriteAllTextAsync(secret, "not for the guest");
        string crafted = await CreateImageAsync("crafted.img", "create", "-q", "-f", "qcow2", "-F", "raw", "-b", secret);

        var error = await Assert.ThrowsAsync<UnsafeDriveException>(() => DriveInspector.ResolveAsync([new DriveSpec(crafted)], "qemu-img", default));

        Assert.Equal(crafted, error.Filename);
        Assert.Contains("backing file", error.Message, StringComparison.Ordinal);
        Assert.Contains("format=qcow2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_FileCalledRaw_StaysRawWhateverItContains()
    {
        string secret = Path.Combine(_directory, "host-secret");
        await File.WriteAllTextAsync(secret, "not for the guest");
        string crafted = await CreateImageAsync("crafted.img", "create", "-q", "-f", "qcow2", "-F", "raw", "-b", secret);

        ResolvedDrive drive = Assert.Single(await DriveInspector.ResolveAsync([new DriveSpec(crafted) { Format = "raw" }], "qemu-img", default));

        Assert.Equal("raw", drive.Format);
        Assert.False(drive.Probed);
    }

    [Fact]
    public async Task Resolve_MissingFile_IsRefused()
    {
        string missing = Path.Combine(_directory, "missing.img");

        var error = await Assert.ThrowsAsync<UnsafeDriveException>(() => DriveInspector.ResolveAsync([new DriveSpec(missing)], "qemu-img", default));

        Assert.Equal(missing, error.Filename);
    }

    [Fact]
    public async Task Resolve_FormatWithOptionSyntax_IsRefused()
    {
        string raw = await CreateImageAsync("plain.img", "create", "-q", "-f", "raw");

        await Assert.ThrowsAsync<UnsafeDriveException>(() => DriveInspector.ResolveAsync([new DriveSpec(raw) { Format = "raw,file.driver=ssh" }], "qemu-img", default));
    }
}
