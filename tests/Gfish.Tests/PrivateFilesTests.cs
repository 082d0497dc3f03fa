using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Gfish.Execution;
using Gfish.Terminal;

namespace Gfish.Tests;

/// <summary>
/// What gfish writes on the host: its history is private (0600), a prepared disk (<c>-N</c>) is not created through
/// a planted symbolic link, and a cache directory another user could have written stops gfish with a clear message.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PrivateFilesTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _work = Directory.CreateTempSubdirectory("gfish-private-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void SaveHistory_NewAndExistingFiles_AreOwnerOnly()
    {
        string fresh = Path.Combine(_work, ".gfish");
        new LineEditor(fresh).SaveHistory();
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(fresh));

        string old = Path.Combine(_work, ".gfish-old");
        File.WriteAllText(old, "ls /\n");
        File.SetUnixFileMode(old, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var editor = new LineEditor(old);
        editor.SaveHistory();
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(old));
        Assert.Equal("ls /", File.ReadAllText(old).Trim());
    }

    [Fact]
    public void CreateRaw_PlantedSymbolicLink_IsNotFollowed()
    {
        string victim = Path.Combine(_work, "victim");
        File.WriteAllText(victim, "precious");
        string disk = Path.Combine(_work, "test1.img");
        File.CreateSymbolicLink(disk, victim);

        Assert.ThrowsAny<IOException>(() => ScratchDisks.CreateRaw(disk, 1 << 20, preallocate: false));

        Assert.Equal("precious", File.ReadAllText(victim));
    }

    [Fact]
    public void CreateRaw_NewFile_IsOwnerOnlyAndSized()
    {
        string disk = Path.Combine(_work, "test1.img");

        ScratchDisks.CreateRaw(disk, 1 << 20, preallocate: false);

        Assert.Equal(1 << 20, new FileInfo(disk).Length);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(disk));
    }

    [Fact]
    public async Task Gfish_CacheDirectoryPlantedByAnotherUser_FailsWithTheReasonAndExitOne()
    {
        string cache = Path.Combine(_work, "cache");
        string perUser = Path.Combine(cache, ".guestfs-net-" + await IdAsync());
        Directory.CreateDirectory(perUser);
        File.SetUnixFileMode(perUser, (UnixFileMode)0x1FF);
        if (await IdAsync() == "0")
        {
            using Process chown = Process.Start("chown", ["nobody", perUser])!;
            await chown.WaitForExitAsync();
        }

        ProgramResult gfish = await ExternalProgram.RunAsync(RepositoryPaths.Gfish, ["-N", "fs", "--", "exit"], _work, new Dictionary<string, string?>(ExternalProgram.StockEnvironment)
        {
            ["GUESTFS_CACHEDIR"] = cache,
            ["LIBGUESTFS_PATH"] = null,
            ["LIBGUESTFS_CACHEDIR"] = null,
        }, TimeSpan.FromMinutes(5));

        string error = gfish.Stderr;
        Assert.True(gfish.ExitCode == 1, gfish.ToString());
        Assert.Contains(perUser, error, StringComparison.Ordinal);
        Assert.Contains("mode 0777", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(perUser));
    }

    private static async Task<string> IdAsync()
    {
        using Process id = Process.Start(new ProcessStartInfo("id", "-u") { RedirectStandardOutput = true })!;
        string text = await id.StandardOutput.ReadToEndAsync();
        await id.WaitForExitAsync();
        return text.Trim();
    }
}
