using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends.Direct;
using Xunit.Abstractions;

namespace Guestfs.ApplianceTests;

/// <summary>
/// FTP and FTPS drives against real vsftpd servers (<see cref="FtpServers"/>, shared by the class): anonymous and
/// with a password, hot-plugged by the snapshot launch, a server that dies mid-call, the password never on qemu's
/// command line, gfish's <c>-a ftp://</c>, a writable FTP drive refused; and FTPS (implicit TLS, a certificate only
/// the test's qemu trusts), which a qemu whose libcurl times out every read is refused.
/// </summary>
[Collection(ApplianceCollection.Name)]
[Trait("Category", "Appliance")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FtpDriveTests : IClassFixture<FtpServers>
{
    private readonly ApplianceFixture _fixture;
    private readonly FtpServers _ftp;
    private readonly ITestOutputHelper _output;

    public FtpDriveTests(ApplianceFixture fixture, FtpServers ftp, ITestOutputHelper output)
    {
        _fixture = fixture;
        _ftp = ftp;
        _output = output;
    }

    private async Task StartServersAsync()
    {
        Skip.If(FtpServer.MissingPrerequisite is not null, FtpServer.MissingPrerequisite);
        await _ftp.StartAsync();
    }

    private GuestfsHandle CreateHandle() => new(new GuestfsOptions
    {
        ReadEnvironment = false,
        Backend = "direct",
        BackendSettings = ["force_tcg"],
        Path = _fixture.ApplianceDirectory,
        DiagnosticWriter = TextWriter.Null,
    });

    private Task<ProcessOutcome> RunGfishAsync(params string[] arguments) => ApplianceFixture.RunAsync(
        "bash",
        [Path.Combine(_fixture.RepositoryRoot, "eng", "gfish"), .. arguments],
        TimeSpan.FromMinutes(10),
        new Dictionary<string, string>
        {
            ["LIBGUESTFS_BACKEND"] = "direct",
            ["LIBGUESTFS_BACKEND_SETTINGS"] = "force_tcg",
            ["LIBGUESTFS_PATH"] = _fixture.ApplianceDirectory,
        });

    private static async Task<string> ReadServedFileAsync(GuestfsHandle g, string device)
    {
        await g.MountRoAsync(device, "/");
        try
        {
            return await g.CatAsync(FtpServer.FileName);
        }
        finally
        {
            await g.UmountAllAsync();
        }
    }

    [SkippableFact]
    public async Task FtpAnonymousAndWithAPassword_HotPlugged_ReadAFileTheTestWrote_PasswordNeverOnTheCommandLine_AndAServerThatDiesFailsOnlyItsDrive()
    {
        await StartServersAsync();
        using FtpServer dying = await FtpServer.StartAsync(implicitTls: false);

        int logStart = _ftp.Plain.Log.Length;     // the server is shared by the class: look only at this test's sessions
        var debug = new StringBuilder();
        await using GuestfsHandle g = CreateHandle();
        await g.SetTraceAsync(true);
        g.SetEventCallback((_, _, e) => { lock (debug) { debug.AppendLine(e.Buffer); } }, GuestfsEvents.Library | GuestfsEvents.Trace | GuestfsEvents.Warning);
        await g.SetVerboseAsync(true);
        await g.AddDriveAsync(FtpServer.ImagePath, new AddDriveOptions { Protocol = "ftp", Server = [$"127.0.0.1:{_ftp.Plain.Port}"], Readonly = true });
        await g.AddDriveAsync(FtpServer.ImagePath, new AddDriveOptions
        {
            Protocol = "ftp", Server = [$"tcp:127.0.0.1:{_ftp.Plain.Port}"], Username = FtpServer.User, Secret = _ftp.Plain.Password, Readonly = true,
        });
        await g.AddDriveAsync(FtpServer.ImagePath, new AddDriveOptions { Protocol = "ftp", Server = [$"127.0.0.1:{dying.Port}"], Readonly = true });
        await g.LaunchAsync();

        // Snapshot launch: the drives (and the password's secret object) were plugged into the restored appliance.
        Assert.Contains("attaching 3 drive(s)", debug.ToString(), StringComparison.Ordinal);
        Assert.Equal(FtpServer.FileContent, await ReadServedFileAsync(g, "/dev/sda"));
        Assert.Equal(FtpServer.FileContent, await ReadServedFileAsync(g, "/dev/sdb"));
        Assert.Equal(16L << 20, await g.BlockdevGetsize64Async("/dev/sdc"));

        // qemu logged in anonymously and as the user with the password, asked the size and read from offsets (REST):
        // what qemu's curl driver needs of an FTP server.
        string log = _ftp.Plain.Log[logStart..];
        _output.WriteLine("server log:\n" + log);
        Assert.Contains($"[{FtpServer.User}] OK LOGIN", log, StringComparison.Ordinal);
        Assert.DoesNotContain($"[{FtpServer.User}] FAIL LOGIN", log, StringComparison.Ordinal);
        Assert.Contains("[ftp] OK LOGIN", log, StringComparison.Ordinal);
        Assert.Matches("\"SIZE /?disk.img\"", log);
        Assert.Matches("\"REST [1-9][0-9]*\"", log);

        // The password reached qemu only through the secret object (the login above), never its command line or the log.
        string commandLine = File.ReadAllText($"/proc/{await g.GetPidAsync()}/cmdline");

        // The server of /dev/sdc dies: reading that drive fails with the daemon's error; the others go on.
        dying.Kill();
        await g.DropCachesAsync(3);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        GuestfsException error = await Assert.ThrowsAsync<GuestfsException>(() => g.PreadDeviceAsync("/dev/sdc", 4096, 8 << 20, limit.Token));
        _output.WriteLine("read after the server died: " + error.Message);
        Assert.IsNotType<GuestfsConnectionException>(error);
        Assert.True(await g.IsReadyAsync());
        Assert.Equal(FtpServer.FileContent, await ReadServedFileAsync(g, "/dev/sdb"));
        await g.ShutdownAsync();

        Assert.DoesNotContain(_ftp.Plain.Password, commandLine, StringComparison.Ordinal);
        Assert.DoesNotContain(_ftp.Plain.Password, debug.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Ftps_WhereQemusLibcurlTimesOutEveryRead_IsATypedErrorBeforeQemuStarts_InGfishToo()
    {
        System.Version? curl = BlockDriverSupport.QemuCurlVersion("qemu-system-x86_64");
        Skip.If(curl is null, "cannot tell which libcurl qemu's curl driver links");
        Skip.If(curl >= BlockDriverSupport.FtpsCurlVersion, $"qemu's libcurl {curl} reads FTPS drives: the refusal does not apply");
        await StartServersAsync();

        // What qemu's curl driver does against the FTPS server (its certificate trusted): it logs in, then a read stalls until the timeout.
        string password = Path.Combine(_ftp.Tls.PrivateDirectory, "password");
        ProcessOutcome measured = await ApplianceFixture.RunAsync("unshare",
        [
            "-m", "sh", "-c", "mount --bind \"$1\" /etc/ssl/certs/ca-certificates.crt && shift && exec qemu-io \"$@\"", "qemu-io", _ftp.Tls.Certificate!,
            "-r", "--object", $"secret,id=pw,file={password},format=raw", "--image-opts",
            $"driver=raw,file.driver=ftps,file.url={_ftp.Tls.Url()},file.username={FtpServer.User},file.password-secret=pw", "-c", "read 1M 4096",
        ], TimeSpan.FromMinutes(2));
        _output.WriteLine($"qemu-io over ftps: exit {measured.ExitCode}\n{measured.Output}");
        Assert.Contains("curl: Operation timed out after", measured.Output, StringComparison.Ordinal);
        Assert.Contains($"[{FtpServer.User}] OK LOGIN", _ftp.Tls.Log, StringComparison.Ordinal);

        // So launch refuses an FTPS drive before qemu starts, saying why; the handle stays usable.
        await using GuestfsHandle g = CreateHandle();
        await g.AddDriveAsync(FtpServer.ImagePath, new AddDriveOptions
        {
            Protocol = "ftps", Server = [$"127.0.0.1:{_ftp.Tls.Port}"], Username = FtpServer.User, Secret = _ftp.Tls.Password, Readonly = true,
        });
        BlockDriverUnavailableException e = await Assert.ThrowsAsync<BlockDriverUnavailableException>(() => g.LaunchAsync());
        Assert.Equal("ftps", e.Protocol);
        Assert.Contains($"libcurl {curl}, which cannot read FTPS drives", e.Message, StringComparison.Ordinal);
        Assert.True(await g.IsConfigAsync());

        // gfish -a ftps://… says the same and exits 1.
        ProcessOutcome gfish = await RunGfishAsync("--ro", "-a", _ftp.Tls.Url($"{FtpServer.User}:{_ftp.Tls.Password}"), "run");
        _output.WriteLine($"gfish: exit {gfish.ExitCode}\n{gfish.Output}");
        Assert.Equal(1, gfish.ExitCode);
        Assert.Contains("which cannot read FTPS drives", gfish.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Gfish_AddFtpUris_AndAWritableFtpDriveIsRefusedBeforeQemuStarts()
    {
        await StartServersAsync();
        ProcessOutcome read = await RunGfishAsync(
            "--ro", "-a", _ftp.Plain.Url(), "-a", _ftp.Plain.Url($"{FtpServer.User}:{_ftp.Plain.Password}"), "run",
            ":", "mount-ro", "/dev/sda", "/", ":", "cat", FtpServer.FileName, ":", "umount", "/",
            ":", "mount-ro", "/dev/sdb", "/", ":", "cat", FtpServer.FileName);
        _output.WriteLine($"gfish: exit {read.ExitCode}\n{read.Output}");
        Assert.True(read.ExitCode == 0, read.Output);
        Assert.Equal([FtpServer.FileContent.TrimEnd(), FtpServer.FileContent.TrimEnd()], read.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        ProcessOutcome writable = await RunGfishAsync("-a", _ftp.Plain.Url(), "run");
        _output.WriteLine($"gfish without --ro: exit {writable.ExitCode}\n{writable.Output}");
        Assert.Equal(1, writable.ExitCode);
        Assert.Contains("qemu can only read ftp drives", writable.Output, StringComparison.Ordinal);

        await using GuestfsHandle g = CreateHandle();
        ArgumentException refused = await Assert.ThrowsAsync<ArgumentException>(() => g.AddDriveAsync(
            FtpServer.ImagePath, new AddDriveOptions { Protocol = "ftps", Server = [$"127.0.0.1:{_ftp.Tls.Port}"] }));
        Assert.Contains("qemu can only read ftps drives", refused.Message, StringComparison.Ordinal);
    }
}
