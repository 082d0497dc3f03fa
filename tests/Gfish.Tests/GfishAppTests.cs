using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Gfish.Tests.Fakes;

namespace Gfish.Tests;

[CollectionDefinition(nameof(GfishAppTests), DisableParallelization = true)]
public sealed class WorkingDirectoryCollection
{
}

// These tests change the process's working directory, so they run alone.
[Collection(nameof(GfishAppTests))]
public sealed class GfishAppTests : IDisposable
{
    private readonly FakeSessionFactory _factory = new();
    private readonly MemoryStream _stdout = new();
    private readonly StringWriter _stderr = new() { NewLine = "\n" };
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("gfish-app-");
    private readonly string _previous = Directory.GetCurrentDirectory();

    public GfishAppTests()
    {
        Directory.SetCurrentDirectory(_dir.FullName);
    }

    public void Dispose()
    {
        Directory.SetCurrentDirectory(_previous);
        _dir.Delete(recursive: true);
    }

    private string Stdout => Encoding.UTF8.GetString(_stdout.ToArray());

    private Task<int> Run(string stdin, params string[] args) =>
        new GfishApp(FakeCatalog.Create(), _factory, _stdout, _stderr, new StringReader(stdin), stdinIsTerminal: false).RunAsync(args, CancellationToken.None);

    [Fact]
    public async Task Run_ScratchLvfs_CreatesFileAddsLaunchesAndPrepares()
    {
        Assert.Equal(0, await Run("", "-N", "lvfs:/dev/VG/LV:ext4:16M", "-N", "b.img=fs::8M"));
        Assert.Equal(16L << 20, new FileInfo("test1.img").Length);
        Assert.Equal(8L << 20, new FileInfo("b.img").Length);
        Assert.Equal(
            [
                "add_drive test1.img readonly= format=raw", "add_drive b.img readonly= format=raw", "launch",
                "part_disk /dev/sda mbr", "pvcreate /dev/sda1", "vgcreate VG [/dev/sda1]", "lvcreate_free LV VG 100", "mkfs ext4 /dev/VG/LV",
                "part_disk /dev/sdb mbr", "mkfs ext2 /dev/sdb1",
            ],
            _factory.Handles[0].Calls);
    }

    [Fact]
    public async Task Run_ImagesReadOnlyWithFormatAndMounts()
    {
        Assert.Equal(0, await Run("", "--ro", "-a", "x.img", "--format=qcow2", "-a", "y.qcow2", "-m", "/dev/sda1", "-m", "/dev/sda2:/mnt::xfs"));
        Assert.Equal(
            [
                "add_drive x.img readonly=True format=", "add_drive y.qcow2 readonly=True format=qcow2", "launch",
                "mount_options 'ro' /dev/sda1 /", "mount_vfs '' xfs /dev/sda2 /mnt",
            ],
            _factory.Handles[0].Calls);
    }

    [Fact]
    public async Task Run_Inspect_MountsShorterMountPointsFirst()
    {
        Assert.Equal(0, await Run("", "-i", "-a", "guest.img"));
        Assert.Equal(
            ["add_drive guest.img readonly= format=", "launch", "inspect_os", "mount_options '' /dev/sda2 /", "mount_options '' /dev/sda1 /boot"],
            _factory.Handles[0].Calls);
    }

    [Fact]
    public async Task Run_NoDrivesNoMounts_DoesNotLaunch_CommandsFromStdin()
    {
        Assert.Equal(0, await Run("echo hello\nrun\n"));
        Assert.Equal("hello\n", Stdout);
        Assert.Equal(["launch"], _factory.Handles[0].Calls);
    }

    [Fact]
    public async Task Run_CommandLineCommands_StopAtFirstError()
    {
        Assert.Equal(1, await Run("echo not read\n", "--", "echo", "a", ":", "cat", "/nope", ":", "echo", "b"));
        Assert.Equal("a\n", Stdout);
        Assert.Equal("*stdin*:0: libguestfs: error: cat: /nope: No such file or directory\n", _stderr.ToString());
    }

    [Fact]
    public async Task Run_ScriptFile_ErrorsNameTheFileAndLine()
    {
        await File.WriteAllTextAsync("s.gfs", "echo a\n\ncat /nope\necho b\n");
        Assert.Equal(1, await Run("", "-f", "s.gfs"));
        Assert.Equal("a\n", Stdout);
        Assert.Equal("s.gfs:3: libguestfs: error: cat: /nope: No such file or directory\n", _stderr.ToString());
    }

    [Fact]
    public async Task Run_BadOption_ExitsOneWithHint()
    {
        Assert.Equal(1, await Run("", "--bogus"));
        Assert.StartsWith("gfish: unrecognized option '--bogus'\n", _stderr.ToString());
        Assert.Equal(1, await Run("", "-N", "nosuch"));
    }

    [Fact]
    public async Task Run_ScratchHelpAndCommandHelp()
    {
        Assert.Equal(0, await Run("", "-N", "help"));
        Assert.Contains("gfish -N lvfs     - create a disk with logical volume and filesystem", Stdout);
        _stdout.SetLength(0);
        Assert.Equal(0, await Run("", "-h"));
        Assert.Contains("\nmkfs                 summary of mkfs\n", Stdout);
        Assert.Contains("\nsparse               create a sparse disk image and add\n", Stdout);
        Assert.Equal(1, await Run("", "-h", "nosuch"));
    }

    [Fact]
    public async Task Run_ExitStatusZeroAfterIgnoredError()
    {
        Assert.Equal(0, await Run("-cat /nope\necho ok\n"));
        Assert.Equal("ok\n", Stdout);
    }

    [Fact]
    public async Task Run_KeysFromStdin_KeyIsNextInputLineNotAnArgument()
    {
        Assert.Equal(0, await Run("luks-open /dev/sda2 lukscrypt\nsecret passphrase\necho done\n", "--keys-from-stdin"));
        Assert.Equal(["luks_open /dev/sda2 key=secret passphrase lukscrypt"], _factory.Handles[0].Calls);
        Assert.Equal("done\n", Stdout);
    }

    [Fact]
    public async Task Run_Trace_KeyShownAsStars()
    {
        Assert.Equal(0, await Run("luks-open /dev/sda2 lukscrypt\nsecret passphrase\n", "-x", "--keys-from-stdin"));
        Assert.Contains("libguestfs: trace: luks_open \"/dev/sda2\" \"***\" \"lukscrypt\"\n", _stderr.ToString());
        Assert.DoesNotContain("secret passphrase", _stderr.ToString());
    }
}
