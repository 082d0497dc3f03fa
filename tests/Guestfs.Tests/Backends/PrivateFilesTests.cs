using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Guestfs.Tests.Backends;

/// <summary>
/// Scratch disks live in a private (0700) directory that goes away with the handle, and the private directories
/// of processes that died without cleaning up are removed by the next launch.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PrivateFilesTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _tmpdir = Directory.CreateTempSubdirectory("guestfs-private-test-").FullName;

    public void Dispose() => Directory.Delete(_tmpdir, recursive: true);

    private static GuestfsOptions NoEnv() => new() { ReadEnvironment = false, Backend = "direct", DiagnosticWriter = TextWriter.Null };

    [Fact]
    public async Task AddDriveScratch_FileInAPrivateDirectory_RemovedOnClose()
    {
        File.SetUnixFileMode(_tmpdir, (UnixFileMode)0x1FF); // a shared /tmp-like directory
        await using (var g = new GuestfsHandle(NoEnv()))
        {
            await g.SetTmpdirAsync(_tmpdir);
            await g.AddDriveScratchAsync(1 << 20, null);
            await g.AddDriveScratchAsync(1 << 20, null);

            string[] entries = Directory.GetFileSystemEntries(_tmpdir);
            string directory = Assert.Single(entries);
            Assert.True(Directory.Exists(directory), "the scratch files are in a directory of their own");
            Assert.Equal(Private, File.GetUnixFileMode(directory));
            string[] disks = Directory.GetFiles(directory, "*.img");
            Assert.Equal(2, disks.Length);
            Assert.All(disks, disk => Assert.Equal(1 << 20, new FileInfo(disk).Length));
        }

        Assert.Empty(Directory.GetFileSystemEntries(_tmpdir));
    }

    [Fact]
    public async Task Launch_PrivateDirectoryOfADeadProcess_RemovedAndLiveOnesKept()
    {
        string appliance = await FixedApplianceAsync();
        int deadPid = DeadProcessId();
        string stale = Path.Combine(_tmpdir, "guestfs-stale01");
        string live = Path.Combine(_tmpdir, "guestfs-live01");
        string foreign = Path.Combine(_tmpdir, "guestfs-unmarked");
        foreach (string directory in new[] { stale, live, foreign })
        {
            Directory.CreateDirectory(directory);
            File.SetUnixFileMode(directory, Private);
            File.WriteAllText(Path.Combine(directory, "scratch1.img"), "old disk");
        }

        File.WriteAllText(Path.Combine(stale, ".guestfs-owner"), $"{deadPid} 1\n");
        File.WriteAllText(Path.Combine(live, ".guestfs-owner"), $"{Environment.ProcessId} {OwnStartTime()}\n");

        await using var g = new GuestfsHandle(NoEnv());
        await g.SetTmpdirAsync(_tmpdir);
        await g.SetPathAsync(appliance);
        await g.SetHvAsync("/nonexistent/qemu-system-x86_64");
        await g.SetBackendSettingsAsync(["force_tcg", "snapshot=0"]);
        await g.AddDriveAsync("/dev/null", new AddDriveOptions { Format = "raw" });
        await Assert.ThrowsAsync<HypervisorNotFoundException>(() => g.LaunchAsync());

        Assert.False(Directory.Exists(stale), "the directory of a dead process is removed");
        Assert.True(File.Exists(Path.Combine(live, "scratch1.img")), "a live process's directory is kept");
        Assert.True(File.Exists(Path.Combine(foreign, "scratch1.img")), "a directory without an owner record is not ours to remove");
    }

    private async Task<string> FixedApplianceAsync()
    {
        string directory = Directory.CreateDirectory(Path.Combine(_tmpdir, "appliance")).FullName;
        foreach (string name in new[] { "kernel", "initrd", "README.fixed" })
        {
            await File.WriteAllTextAsync(Path.Combine(directory, name), "x");
        }

        using Process mkfs = Process.Start("mkfs.ext2", ["-q", "-F", Path.Combine(directory, "root"), "256k"])!;
        await mkfs.WaitForExitAsync();
        Assert.Equal(0, mkfs.ExitCode);
        return directory;
    }

    private static int DeadProcessId()
    {
        using Process child = Process.Start("true")!;
        child.WaitForExit();
        return child.Id;
    }

    private static string OwnStartTime()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
    }
}
