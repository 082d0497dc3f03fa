using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// A failure a tool does not handle itself (here: a corrupt qcow2 image whose format cannot be probed, found before
/// any appliance starts) ends with stock's <c>virt-NAME: error: MESSAGE</c> line and exit status 1, not a crash
/// (exit 134 and a .NET stack trace); <c>LIBGUESTFS_DEBUG=1</c> adds the stack trace.
/// </summary>
public sealed class ToolErrorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("guestfs-tools-errors-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("virt-cat", "/etc/hostname")]
    [InlineData("virt-ls", "/")]
    [InlineData("virt-df")]
    [InlineData("virt-inspector")]
    [InlineData("virt-log")]
    [InlineData("virt-edit", "/etc/hostname")]
    public async Task Tool_CorruptImage_ErrorLineAndExitOne(string tool, params string[] args)
    {
        string image = CorruptQcow2();
        var ours = await ExternalProgram.RunStockAsync(Path.Combine(RepositoryPaths.Root, "eng", tool), ["-a", image, .. args], _directory);
        Assert.Equal(1, ours.ExitCode);
        Assert.StartsWith($"{tool}: error: launch: cannot probe the format of drive '{image}'", ours.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("\n", ours.Stderr, StringComparison.Ordinal);
        Assert.Single(ours.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Equal(string.Empty, ours.Stdout);
    }

    [Fact]
    public async Task Tool_CorruptImageWithDebug_AddsTheStackTrace()
    {
        string image = CorruptQcow2();
        var environment = new Dictionary<string, string?>(ExternalProgram.StockEnvironment) { ["LIBGUESTFS_DEBUG"] = "1" };
        var ours = await ExternalProgram.RunAsync(Path.Combine(RepositoryPaths.Root, "eng", "virt-cat"), ["-a", image, "/etc/hostname"], _directory, environment);
        Assert.Equal(1, ours.ExitCode);
        Assert.Contains("virt-cat: error: launch: cannot probe the format", ours.Stderr, StringComparison.Ordinal);
        Assert.Contains("   at Guestfs.", ours.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A file with the qcow2 magic and version 3 but a header qemu-img rejects.</summary>
    private string CorruptQcow2()
    {
        string path = Path.Combine(_directory, "corrupt.qcow2");
        byte[] header = new byte[1 << 20];
        byte[] magicAndVersion = [(byte)'Q', (byte)'F', (byte)'I', 0xFB, 0, 0, 0, 3];
        magicAndVersion.CopyTo(header, 0);
        File.WriteAllBytes(path, header);
        return path;
    }
}
