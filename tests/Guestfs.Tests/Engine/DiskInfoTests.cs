using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Guestfs.Host;

namespace Guestfs.Tests.Engine;

/// <summary>
/// disk_format, disk_virtual_size and disk_has_backing_file: against the host's real qemu-img on images made here, and
/// against stand-in programs for the failure paths (no output, too much output, bad JSON, missing keys).
/// One class, so the tests that swap <see cref="QemuImgInfo.Program"/> never run in parallel with each other.
/// </summary>
[Collection(QemuImgProgramCollection.Name)]
public sealed class DiskInfoTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("guestfs-diskinfo-").FullName;

    public void Dispose()
    {
        QemuImgInfo.Program = "qemu-img";
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task DiskInfo_RawImage_RawSizeNoBacking()
    {
        string raw = Path.Combine(_directory, "disk.raw");
        using (FileStream f = File.Create(raw))
        {
            f.SetLength(3 * 1024 * 1024);
        }

        await using var g = NewHandle();
        Assert.Equal("raw", await g.DiskFormatAsync(raw));
        Assert.Equal(3 * 1024 * 1024, await g.DiskVirtualSizeAsync(raw));
        Assert.False(await g.DiskHasBackingFileAsync(raw));
    }

    [Fact]
    public async Task DiskInfo_Qcow2WithBackingFile_ReportsFormatSizeAndBacking()
    {
        string base_ = Path.Combine(_directory, "base.qcow2");
        string overlay = Path.Combine(_directory, "overlay.qcow2");
        Run("qemu-img", "create", "-q", "-f", "qcow2", base_, "10M");
        Run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", base_, overlay);

        await using var g = NewHandle();
        Assert.Equal("qcow2", await g.DiskFormatAsync(overlay));
        Assert.Equal(10 * 1024 * 1024, await g.DiskVirtualSizeAsync(overlay));
        Assert.True(await g.DiskHasBackingFileAsync(overlay));
        Assert.False(await g.DiskHasBackingFileAsync(base_));
    }

    [Fact]
    public async Task DiskInfo_MissingFile_GuestfsExceptionNamingQemuImgAndTheFile()
    {
        string missing = Path.Combine(_directory, "missing.img");
        await using var g = NewHandle();
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => g.DiskFormatAsync(missing));
        Assert.Contains("qemu-img info", e.Message, StringComparison.Ordinal);
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
        Assert.Contains("exited with error status", e.Message, StringComparison.Ordinal);
        Assert.Equal("disk_format", e.Procedure);
    }

    [Fact]
    public async Task DiskInfo_RelativeName_IsPassedAbsoluteAndAfterMinusU()
    {
        UseStandIn("""printf '{"format": "%s", "virtual-size": 5, "backing-filename": null}' "$*" """);
        await using var g = NewHandle();
        Assert.Equal("info -U --output json " + Environment.CurrentDirectory + "/-rel.img", await g.DiskFormatAsync("-rel.img"));
        Assert.Equal("info -U --output json " + Environment.CurrentDirectory + "/json:{}", await g.DiskFormatAsync("json:{}"));
        Assert.Equal("info -U --output json /abs.img", await g.DiskFormatAsync("/abs.img"));
        Assert.Equal(5, await g.DiskVirtualSizeAsync("x"));
        Assert.False(await g.DiskHasBackingFileAsync("x"));
    }

    [Fact]
    public async Task DiskInfo_NoOutputWithSuccess_Throws()
    {
        UseStandIn("exit 0");
        await using var g = NewHandle();
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => g.DiskFormatAsync("/x"));
        Assert.Contains("produced no output", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiskInfo_OutputOverTheBound_ThrowsWithoutReadingItAll()
    {
        UseStandIn("head -c 3000000 /dev/zero | tr '\\0' ' '; printf '{}'");
        await using var g = NewHandle();
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => g.DiskVirtualSizeAsync("/x"));
        Assert.Contains("larger than " + QemuImgInfo.MaxOutputBytes, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiskInfo_BadJsonOrMissingKeys_Throw()
    {
        UseStandIn("printf '{\"format\": '");
        await using var g = NewHandle();
        GuestfsException bad = await Assert.ThrowsAsync<GuestfsException>(() => g.DiskFormatAsync("/x"));
        Assert.Contains("JSON parse error", bad.Message, StringComparison.Ordinal);

        UseStandIn("printf '[1, 2]'");
        GuestfsException notObject = await Assert.ThrowsAsync<GuestfsException>(() => g.DiskHasBackingFileAsync("/x"));
        Assert.Contains("not an object", notObject.Message, StringComparison.Ordinal);

        UseStandIn("printf '{\"backing-filename\": \"b\"}'");
        Assert.True(await g.DiskHasBackingFileAsync("/x"));
        GuestfsException noFormat = await Assert.ThrowsAsync<GuestfsException>(() => g.DiskFormatAsync("/x"));
        Assert.Contains("'format'", noFormat.Message, StringComparison.Ordinal);
        GuestfsException noSize = await Assert.ThrowsAsync<GuestfsException>(() => g.DiskVirtualSizeAsync("/x"));
        Assert.Contains("'virtual-size'", noSize.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiskInfo_ClosedHandle_ThrowsObjectDisposed()
    {
        var g = NewHandle();
        await g.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => g.DiskFormatAsync("/x"));
    }

    private static GuestfsHandle NewHandle() => new(new GuestfsOptions { ReadEnvironment = false, DiagnosticWriter = TextWriter.Null });

    /// <summary>Points qemu-img at a script: it answers --help with an info line that offers -U, else runs <paramref name="body"/>.</summary>
    private void UseStandIn(string body)
    {
        string path = Path.Combine(_directory, "qemu-img-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, "#!/bin/sh\nif [ \"$1\" = --help ]; then echo '  info [-f fmt] [-U] filename'; exit 0; fi\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        QemuImgInfo.Program = path;
    }

    private static void Run(string program, params string[] arguments) => ExternalProgram.RunChecked(program, arguments);
}
