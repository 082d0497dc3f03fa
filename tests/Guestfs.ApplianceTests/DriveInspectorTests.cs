using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
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

    [Fact]
    public async Task Resolve_NoFormatOnVmdkDescriptorNamingAHostFile_IsRefused()
    {
        string secret = Path.Combine(_directory, "host-secret");
        await File.WriteAllTextAsync(secret, "not for the guest");
        string crafted = WriteVmdkDescriptor("crafted.img", secret);

        var error = await Assert.ThrowsAsync<UnsafeDriveException>(() => DriveInspector.ResolveAsync([new DriveSpec(crafted)], "qemu-img", default));

        Assert.Equal(crafted, error.Filename);
        Assert.Contains("vmdk", error.Message, StringComparison.Ordinal);
        Assert.Contains("format=vmdk", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_NoFormatOnVmdkWhoseExtentIsAFifo_IsRefusedWithoutQemuImgOpeningTheExtent()
    {
        // qemu-img opens a VMDK's extents while probing it: on a FIFO it would wait for a writer until killed.
        string fifo = MakeFifo("extent-fifo");
        string crafted = WriteVmdkDescriptor("fifo.vmdk", fifo);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<UnsafeDriveException>(() => DriveInspector.ResolveAsync([new DriveSpec(crafted)], "qemu-img", default));

        Assert.Contains("vmdk", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Resolve_NoFormatOnAFifo_IsRefusedAtOnce()
    {
        string fifo = MakeFifo("drive-fifo");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<UnsafeDriveException>(() => DriveInspector.ResolveAsync([new DriveSpec(fifo)], "qemu-img", default));

        Assert.Contains("not a regular file or a block device", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Resolve_NoFormatOnSparseVmdkMadeByQemuImg_IsRefused()
    {
        string vmdk = await CreateImageAsync("sparse.vmdk", "create", "-q", "-f", "vmdk");

        var error = await Assert.ThrowsAsync<UnsafeDriveException>(() => DriveInspector.ResolveAsync([new DriveSpec(vmdk)], "qemu-img", default));

        Assert.Contains("format=vmdk", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_NoFormatOnQcow2WithDataFile_IsRefused()
    {
        string image = await CreateImageAsync("external.qcow2", "create", "-q", "-f", "qcow2", "-o", "data_file=" + Path.Combine(_directory, "data.raw"));

        var error = await Assert.ThrowsAsync<UnsafeDriveException>(() => DriveInspector.ResolveAsync([new DriveSpec(image)], "qemu-img", default));

        Assert.Contains("data file", error.Message, StringComparison.Ordinal);
        Assert.Contains("format=qcow2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vdi")]
    [InlineData("vpc")]
    [InlineData("qed")]
    public async Task Resolve_NoFormatOnAnyOtherFormat_IsRefused(string format)
    {
        string image = await CreateImageAsync("other." + format, "create", "-q", "-f", format);

        var error = await Assert.ThrowsAsync<UnsafeDriveException>(() => DriveInspector.ResolveAsync([new DriveSpec(image)], "qemu-img", default));

        Assert.Contains("format=" + format, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_NoFormatOnPlainQcow2_ProbesQcow2()
    {
        string image = await CreateImageAsync("plain.qcow2", "create", "-q", "-f", "qcow2");

        ResolvedDrive drive = Assert.Single(await DriveInspector.ResolveAsync([new DriveSpec(image)], "qemu-img", default));

        Assert.Equal("qcow2", drive.Format);
        Assert.True(drive.Probed);
    }

    [Fact]
    public async Task Resolve_VmdkWithFormatGiven_IsPassedThroughUnprobed()
    {
        string vmdk = WriteVmdkDescriptor("trusted.vmdk", Path.Combine(_directory, "extent"));

        ResolvedDrive drive = Assert.Single(await DriveInspector.ResolveAsync([new DriveSpec(vmdk) { Format = "vmdk" }], "qemu-img", default));

        Assert.Equal("vmdk", drive.Format);
        Assert.False(drive.Probed);
    }

    [Theory]
    [InlineData("""{"format": "raw", "virtual-size": 1}""", "raw")]
    [InlineData("""{"format": "qcow2", "backing-filename": null, "format-specific": {"type": "qcow2", "data": {"compat": "1.1"}}}""", "qcow2")]
    public void CheckProbedImage_RawOrPlainQcow2_IsAccepted(string json, string expected)
    {
        using JsonDocument info = JsonDocument.Parse(json);

        Assert.Equal(expected, DriveInspector.CheckProbedImage("/d.img", info.RootElement));
    }

    [Theory]
    [InlineData("""{"format": "qcow2", "backing-filename": "/etc/shadow"}""", "backing file '/etc/shadow'", "qcow2")]
    [InlineData("""{"format": "qcow2", "full-backing-filename": "json:{}"}""", "backing file", "qcow2")]
    [InlineData("""{"format": "qed", "backing-filename": "/etc/shadow"}""", "backing file", "qed")]
    [InlineData("""{"format": "raw", "backing-filename": "/etc/shadow"}""", "backing file", "raw")]
    [InlineData("""{"format": "qcow2", "format-specific": {"type": "qcow2", "data": {"data-file": "/etc/shadow", "data-file-raw": true}}}""", "data file '/etc/shadow'", "qcow2")]
    [InlineData("""{"format": "qcow2", "format-specific": {"type": "qcow2", "data": {"data-file-raw": false}}}""", "data file", "qcow2")]
    [InlineData("""{"format": "vmdk", "format-specific": {"type": "vmdk", "data": {"extents": []}}}""", "vmdk image", "vmdk")]
    [InlineData("""{"format": "vhdx"}""", "vhdx image", "vhdx")]
    [InlineData("""{"format": "luks"}""", "luks image", "luks")]
    public void CheckProbedImage_ReferencingOrOtherFormat_IsRefusedNamingTheFormatToGive(string json, string found, string format)
    {
        using JsonDocument info = JsonDocument.Parse(json);

        var error = Assert.Throws<UnsafeDriveException>(() => DriveInspector.CheckProbedImage("/d.img", info.RootElement));

        Assert.Equal("/d.img", error.Filename);
        Assert.Contains(found, error.Message, StringComparison.Ordinal);
        Assert.Contains("format=" + format, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"format": 3}""")]
    [InlineData("""{"format": "raw,file.driver=ssh"}""")]
    public void CheckProbedImage_UnusableAnswer_IsRefused(string json)
    {
        using JsonDocument info = JsonDocument.Parse(json);

        Assert.Throws<UnsafeDriveException>(() => DriveInspector.CheckProbedImage("/d.img", info.RootElement));
    }

    [Theory]
    [InlineData("KDMV\u0001\0\0\0")]
    [InlineData("COWD")]
    [InlineData("# Disk DescriptorFile\nversion=1\nCID=fffffffe\n")]
    [InlineData("\n   \r\n# comment\r\nversion=3\r\n")]
    [InlineData("  version=2\n")]
    public void FindReferencingHeader_VmdkHeaderOrDescriptor_IsVmdk(string header)
    {
        Assert.Equal("vmdk", DriveInspector.FindReferencingHeader(Bytes(header))?.Format);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0\0\0\0\0\0\0\0")]
    [InlineData("hello version=1\n")]
    [InlineData("# only a comment\n")]
    [InlineData("#!/bin/sh\necho version=1\n")]
    public void FindReferencingHeader_OtherContent_IsNothing(string header)
    {
        Assert.Null(DriveInspector.FindReferencingHeader(Bytes(header)));
    }

    [Theory]
    [InlineData(3, 4UL, true)]
    [InlineData(3, 7UL, true)]
    [InlineData(3, 0UL, false)]
    [InlineData(3, 2UL, false)]
    [InlineData(2, 4UL, false)]
    public void FindReferencingHeader_Qcow2_IsRefusedOnlyWithTheExternalDataFileBit(int version, ulong incompatible, bool refused)
    {
        byte[] header = new byte[104];
        "QFI"u8.CopyTo(header);
        header[3] = 0xfb;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)version);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(72), incompatible);

        Assert.Equal(refused ? "qcow2" : null, DriveInspector.FindReferencingHeader(header)?.Format);
    }

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(System.Text.RegularExpressions.Regex.Unescape(text));

    private string WriteVmdkDescriptor(string name, string extent)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(
            path,
            "# Disk DescriptorFile\nversion=1\nCID=fffffffe\nparentCID=ffffffff\ncreateType=\"monolithicFlat\"\n\n" +
            $"RW 2048 FLAT \"{extent}\" 0\nddb.adapterType = \"ide\"\n");
        return path;
    }

    private string MakeFifo(string name)
    {
        string path = Path.Combine(_directory, name);
        using Process mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
