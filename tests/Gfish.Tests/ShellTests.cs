using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Gfish.Execution;
using Gfish.Tests.Fakes;

namespace Gfish.Tests;

public sealed class ShellTests : IAsyncDisposable
{
    private readonly FakeSessionFactory _factory = new();
    private readonly MemoryStream _stdout = new();
    private readonly StringWriter _stderr = new() { NewLine = "\n" };
    private readonly Shell _shell;

    public ShellTests()
    {
        _shell = new Shell(FakeCatalog.Create(), _factory, new ShellSettings(), _stdout, _stderr, () => new MemoryStream(Encoding.UTF8.GetBytes("from stdin")));
    }

    private FakeHandle Handle => _factory.Handles[^1];

    private string Stdout => Encoding.UTF8.GetString(_stdout.ToArray());

    private Task<ShellStatus> Script(string text) => _shell.RunScriptAsync(new StringReader(text), exitOnError: true, CancellationToken.None);

    public ValueTask DisposeAsync() => _shell.DisposeAsync();

    [Fact]
    public async Task Run_IntArgumentAndIntResult()
    {
        Assert.Equal(ShellStatus.Ok, await Script("set-memsize 0x200\nget_memsize\nGET-MEMSIZE\n"));
        Assert.Equal("512\n512\n", Stdout);
    }

    [Fact]
    public async Task Run_MixedDashUnderscore_IsUnknownCommandWithHintOnFirstCommand()
    {
        Assert.Equal(ShellStatus.Error, await Script("get_mem-size\n"));
        Assert.StartsWith("get_mem-size: unknown command\nDid you mean to open a disk image?", _stderr.ToString());
    }

    [Fact]
    public async Task CopyInAndCopyOut_EachSourceToTheLastArgument()
    {
        Assert.Equal(ShellStatus.Ok, await Script("copy-in a.txt dir /remote\ncopy_out /r1 /r2 out\n"));
        Assert.Equal(["copy_in a.txt /remote", "copy_in dir /remote", "copy_out /r1 out", "copy_out /r2 out"], Handle.Calls);
    }

    [Theory]
    [InlineData("copy-in x\n", "use 'copy-in <local> [<local>...] <remotedir>' to copy files into the image\n")]
    [InlineData("copy-out\n", "use 'copy-out <remote> [<remote>...] <localdir>' to copy files out of the image\n")]
    public async Task CopyInAndCopyOut_TooFewArguments_UsageAsStockGuestfish(string script, string error)
    {
        Assert.Equal(ShellStatus.Error, await Script(script));
        Assert.Equal(error, _stderr.ToString());
        Assert.Empty(Handle.Calls);
    }

    [Fact]
    public async Task CopyIn_FailingSource_StopsBeforeTheNext()
    {
        Assert.Equal(ShellStatus.Error, await Script("copy-in a fail b /r\n"));
        Assert.Equal(["copy_in a /r"], Handle.Calls);
    }

    [Fact]
    public async Task Run_UnknownLaterCommand_NoHint()
    {
        Assert.Equal(ShellStatus.Error, await Script("echo a\nnosuch\necho b\n"));
        Assert.Equal("a\n", Stdout);
        Assert.Equal("nosuch: unknown command\n", _stderr.ToString());
    }

    [Fact]
    public async Task Run_LibraryError_PrintedWithLocationAndEndsScript()
    {
        Assert.Equal(ShellStatus.Error, await Script("echo a\nset-memsize 10\necho b\n"));
        Assert.Equal("a\n", Stdout);
        Assert.Equal("*stdin*:2: libguestfs: error: too small value for memsize (must be at least 256)\n", _stderr.ToString());
    }

    [Fact]
    public async Task Run_DashPrefix_ContinuesAfterError()
    {
        Assert.Equal(ShellStatus.Ok, await Script("-cat /nope\necho after\n"));
        Assert.Equal("after\n", Stdout);
        Assert.Equal("*stdin*:1: libguestfs: error: cat: /nope: No such file or directory\n", _stderr.ToString());
    }

    [Fact]
    public async Task Run_WrongArgumentCount_PrintsUsage()
    {
        Assert.Equal(ShellStatus.Error, await Script("add-drive\n"));
        Assert.Equal(
            "error: incorrect number of arguments\nusage: add-drive filename [readonly:true|false] [format:..] [blocksize:N]\ntype 'help add-drive' for more help on add-drive\n",
            _stderr.ToString());
    }

    [Fact]
    public async Task Run_OptionalArguments_PassedInOptionsRecord()
    {
        Assert.Equal(ShellStatus.Ok, await Script("add disk.img readonly:true format:raw\n"));
        Assert.Equal("add_drive disk.img readonly=True format=raw", Handle.Calls.Single());
    }

    [Theory]
    [InlineData("add x foo:bar", "add: unknown optional argument \"foo:bar\"")]
    [InlineData("add x nosuchopt", "add: unknown optional argument \"nosuchopt\"")]
    [InlineData("add x readonly:true readonly:false", "add: optional argument \"readonly\" given more than once")]
    [InlineData("add x blocksize:abc", "add: optargs_s.blocksize: invalid integer parameter (xstrtoll returned 4)")]
    [InlineData("set-memsize 12abc", "set-memsize: memsize: invalid integer parameter (xstrtoll returned 2)")]
    [InlineData("verbose maybe", "gfish: 'maybe': invalid boolean value, use 'true' or 'false'")]
    public async Task Run_BadArgument_GuestfishMessage(string line, string message)
    {
        Assert.Equal(ShellStatus.Error, await Script(line + "\n"));
        Assert.Equal(message + "\n", _stderr.ToString());
        Assert.Empty(Handle.Calls);
    }

    [Fact]
    public async Task Run_SyntaxError_PrintedWithProgramName()
    {
        Assert.Equal(ShellStatus.Error, await Script("echo \"abc\n"));
        Assert.Equal("gfish: unterminated double quote\n", _stderr.ToString());
    }

    [Fact]
    public async Task Run_BufferArgumentAndStringResult()
    {
        await Script("write /f \"hello\\nworld\"\ncat /f\n");
        Assert.Equal("hello\nworld\n", Stdout);
    }

    [Fact]
    public async Task Run_StringListArgument_SplitWithQuotes()
    {
        await Script("echo-daemon \"'a b' c\"\n");
        Assert.Equal("a b c\n", Stdout);
    }

    [Fact]
    public async Task Run_StructListHashtableBufferAndOctal()
    {
        await Script("lvs-full\nlist-filesystems\nwrite /f abcdef\npread /f 2 1\nget-umask\n");
        Assert.Equal(
            "[0] = {\n  lv_name: LV\n  lv_uuid: xMafeen93IHtFmSenoB6PHPEpbsGkUws\n  lv_size: 62914560\n  snap_percent: \n}\n/dev/sda1: ext4\n/dev/VG/LV: xfs\nbc022\n",
            Stdout);
    }

    [Fact]
    public async Task Run_FileInFromLocalFileAndFileOutToStdout()
    {
        var local = Path.GetTempFileName();
        await File.WriteAllTextAsync(local, "local content");
        try
        {
            Assert.Equal(ShellStatus.Ok, await Script($"upload {local} /up\ndownload /up -\nupload - /in\ncat /in\n"));
            Assert.Equal("local contentfrom stdin\n", Stdout);
        }
        finally
        {
            File.Delete(local);
        }
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Display_TemporaryFileIsOwnerOnlyAndRemoved()
    {
        var work = Directory.CreateTempSubdirectory("gfish-display-test-").FullName;
        try
        {
            var local = Path.Combine(work, "image.png");
            await File.WriteAllTextAsync(local, "not really a picture");
            var probe = Path.Combine(work, "probe");
            await File.WriteAllTextAsync(probe, $"#!/bin/sh\nstat -c '%a %n' \"$1\" > '{work}/seen'\n");
            File.SetUnixFileMode(probe, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            Assert.Equal(ShellStatus.Ok, await Script($"upload {local} /image.png\ndisplay /image.png {probe}\n"));

            var seen = (await File.ReadAllTextAsync(Path.Combine(work, "seen"))).Trim().Split(' ', 2);
            Assert.Equal("600", seen[0]);
            Assert.False(File.Exists(seen[1]));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Run_FileInMissing_LibraryStyleError()
    {
        Assert.Equal(ShellStatus.Error, await Script("upload /no/such/file /up\n"));
        Assert.Equal("*stdin*:1: libguestfs: error: open: /no/such/file: No such file or directory\n", _stderr.ToString());
    }

    [Fact]
    public async Task Run_ActionMissingFromLibrary_IsAnError()
    {
        Assert.Equal(ShellStatus.Error, await Script("not-in-library\n"));
        Assert.Contains("not_in_library: this action is not available", _stderr.ToString());
    }

    [Fact]
    public async Task Run_ExitStopsScript()
    {
        Assert.Equal(ShellStatus.Exit, await Script("echo a\nexit\necho b\n"));
        Assert.Equal("a\n", Stdout);
    }

    [Fact]
    public async Task Run_Reopen_CreatesNewHandleAndClosesOld()
    {
        await Script("set-memsize 300\nreopen\nget-memsize\n");
        Assert.Equal(2, _factory.Handles.Count);
        Assert.True(_factory.Handles[0].Disposed);
        Assert.Equal("768\n", Stdout);
    }

    [Fact]
    public async Task Run_Glob_ExpandsEachAbsolutePathArgument()
    {
        await Script("write /a1 x\nwrite /a2 y\nglob echo /a* z /none*\n");
        Assert.Equal("/a1 z /none*\n/a2 z /none*\n", Stdout);
    }

    [Fact]
    public async Task Run_Time_PrintsElapsed()
    {
        await Script("time echo x\n");
        Assert.Matches("^x\nelapsed time: [0-9]+\\.[0-9]{2} seconds\n$", Stdout);
    }

    [Fact]
    public async Task Run_Help_KnownAndUnknown()
    {
        Assert.Equal(ShellStatus.Ok, await Script("help set-memsize\n"));
        Assert.StartsWith("NAME\n    set-memsize - summary of set_memsize\n\nSYNOPSIS\n     set-memsize memsize\n", Stdout);
        Assert.Equal(ShellStatus.Error, await Script("help nosuch\n"));
        Assert.Equal("nosuch: command not known: use -h to list all commands\n", _stderr.ToString());
    }

    [Fact]
    public async Task Run_Sparse_CreatesFileAndAddsIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "gfish-sparse-" + Guid.NewGuid().ToString("N") + ".img");
        try
        {
            Assert.Equal(ShellStatus.Ok, await Script($"sparse {path} 10M\n"));
            Assert.Equal(10L << 20, new FileInfo(path).Length);
            Assert.Equal($"add_drive {path} readonly= format=raw", Handle.Calls.Single());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Run_Lcd_ChangesDirectory_BadDirectoryFails()
    {
        Assert.Equal(ShellStatus.Error, await Script("lcd /no/such/dir\n"));
        Assert.Equal("/no/such/dir: No such file or directory\n", _stderr.ToString());
    }

    [Fact]
    public async Task Run_LocalShellFailure_EndsScript()
    {
        Assert.Equal(ShellStatus.Error, await Script("!exit 3\necho b\n"));
        Assert.Equal(ShellStatus.Ok, await Script("-!exit 3\n"));
    }

    [Fact]
    public async Task Run_InlineCommands_AreExecuted()
    {
        Assert.Equal(ShellStatus.Ok, await Script("<!printf 'set-memsize 400\\n'\nget-memsize\n"));
        Assert.Equal("400\n", Stdout);
    }

    [Fact]
    public async Task Run_Trace_PrintsCallsOnStderr()
    {
        await using var shell = new Shell(FakeCatalog.Create(), _factory, new ShellSettings { Trace = true }, _stdout, _stderr, () => Stream.Null);
        await shell.RunScriptAsync(new StringReader("add x readonly:true\n"), true, CancellationToken.None);
        Assert.Equal("libguestfs: trace: add_drive \"x\" \"readonly:true\"\nlibguestfs: trace: add_drive = 0\n", _stderr.ToString());
    }

    [Fact]
    public async Task ApplyHandleSettings_TraceWithLibrarySetTrace_LibraryTracesNotShell()
    {
        await using var shell = new Shell(FakeCatalog.Create(withSetTrace: true), _factory, new ShellSettings { Trace = true }, _stdout, _stderr, () => Stream.Null);
        Assert.True(await shell.ApplyHandleSettingsAsync(verbose: true, CancellationToken.None));
        await shell.RunScriptAsync(new StringReader("add x\nreopen\n"), true, CancellationToken.None);
        Assert.Equal(["set_trace True", "set_verbose True", "add_drive x readonly= format="], _factory.Handles[^2].Calls);
        Assert.Equal(["set_trace True", "set_verbose True"], _factory.Handles[^1].Calls);
        Assert.Equal("", _stderr.ToString());
    }
}
