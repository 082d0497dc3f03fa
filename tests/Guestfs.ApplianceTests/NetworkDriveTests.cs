using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace Guestfs.ApplianceTests;

/// <summary>
/// Network drives against real local servers the tests start and fence (<see cref="NetworkServers"/>): NBD over TCP
/// and a unix socket, read-only and writable; HTTP with Range requests; HTTPS with a self-signed certificate that
/// only the test's qemu trusts; SSH with key authentication; a server that dies mid-call; a protocol qemu lacks; and
/// gfish's <c>-a URI</c>.
/// </summary>
[Collection(ApplianceCollection.Name)]
[Trait("Category", "Appliance")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NetworkDriveTests : IDisposable
{
    private readonly ApplianceFixture _fixture;
    private readonly ITestOutputHelper _output;
    private readonly NetworkServers _servers = new();

    public NetworkDriveTests(ApplianceFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    public void Dispose() => _servers.Dispose();

    private GuestfsHandle CreateHandle(bool snapshot, string? hypervisor = null)
    {
        var settings = new List<string> { "force_tcg" };
        if (!snapshot)
        {
            settings.Add("snapshot=0");
        }

        var g = new GuestfsHandle(new GuestfsOptions
        {
            ReadEnvironment = false,
            Backend = "direct",
            BackendSettings = settings,
            Path = _fixture.ApplianceDirectory,
            DiagnosticWriter = TextWriter.Null,
        });
        if (hypervisor is not null)
        {
            g.SetHvAsync(hypervisor).GetAwaiter().GetResult();
        }

        return g;
    }

    private static async Task<string> ReadMarkerAsync(GuestfsHandle g, string device, int length) =>
        Encoding.ASCII.GetString(await g.PreadDeviceAsync(device, length, NetworkServers.MarkerOffset));

    [Fact]
    public async Task NbdTcpAndUnixReadWriteAndReadOnly_Http_IscsiWithChap_HotPlugged_AndAServerThatDiesFailsOnlyItsDrive()
    {
        string rw = _servers.CreateDisk("rw.img", "MARKER-NBD-TCP-RW");
        string ro = _servers.CreateDisk("ro.img", "MARKER-NBD-UNIX-RO");
        string www = Directory.CreateDirectory(Path.Combine(_servers.Directory, "www")).FullName;
        string served = _servers.CreateDisk(Path.Combine("www", "disk.img"), "MARKER-HTTP");
        (Process nbd, int nbdPort) = await _servers.StartNbdTcpAsync(rw, readOnly: false);
        string socket = await _servers.StartNbdUnixAsync(ro, readOnly: false);
        int httpPort = await _servers.StartHttpAsync(www);
        const string Target = "iqn.2024-01.org.guestfs:hotplug";
        int iscsiPort = await _servers.StartIscsiAsync(_servers.CreateDisk("iscsi.img", "MARKER-ISCSI-CHAP"), Target, "chapuser", "chap-secret-hotplug");

        await using GuestfsHandle g = CreateHandle(snapshot: true);
        var debug = new StringBuilder();
        g.SetEventCallback((_, _, e) => { lock (debug) { debug.AppendLine(e.Buffer); } }, GuestfsEvents.Library);
        await g.SetVerboseAsync(true);
        await g.AddDriveAsync(string.Empty, new AddDriveOptions { Protocol = "nbd", Server = [$"tcp:127.0.0.1:{nbdPort}"] });
        await g.AddDriveAsync(string.Empty, new AddDriveOptions { Protocol = "nbd", Server = ["unix:" + socket], Readonly = true });
        await g.AddDriveAsync("/disk.img", new AddDriveOptions { Protocol = "http", Server = [$"127.0.0.1:{httpPort}"], Readonly = true });
        await g.AddDriveAsync(Target + "/1", new AddDriveOptions
        {
            Protocol = "iscsi", Server = [$"127.0.0.1:{iscsiPort}"], Username = "chapuser", Secret = "chap-secret-hotplug", Readonly = true,
        });
        await g.LaunchAsync();

        // Snapshot launch: the drives (and the iSCSI drive's secret object) were plugged into the restored appliance.
        Assert.Contains("attaching 4 drive(s)", debug.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("chap-secret-hotplug", debug.ToString(), StringComparison.Ordinal);
        Assert.Equal("MARKER-NBD-TCP-RW", await ReadMarkerAsync(g, "/dev/sda", 17));
        Assert.Equal("MARKER-NBD-UNIX-RO", await ReadMarkerAsync(g, "/dev/sdb", 18));
        Assert.Equal("MARKER-HTTP", await ReadMarkerAsync(g, "/dev/sdc", 11));
        Assert.Equal(16L << 20, await g.BlockdevGetsize64Async("/dev/sdc"));
        Assert.Equal("MARKER-ISCSI-CHAP", await ReadMarkerAsync(g, "/dev/sdd", 17));

        // A write through NBD reaches the server's file; one to the read-only drive stays in the overlay.
        await g.PwriteDeviceAsync("/dev/sda", Encoding.ASCII.GetBytes("WRITTEN-OVER-NBD"), 4096);
        await g.PwriteDeviceAsync("/dev/sdb", Encoding.ASCII.GetBytes("MUST-NOT-REACH-IT"), NetworkServers.MarkerOffset);
        await g.SyncAsync();
        Assert.Equal("WRITTEN-OVER-NBD", Encoding.ASCII.GetString(NetworkServers.ReadFile(rw, 4096, 16)));
        Assert.Equal("MARKER-NBD-UNIX-RO", Encoding.ASCII.GetString(NetworkServers.ReadFile(ro, NetworkServers.MarkerOffset, 18)));

        // The NBD server dies: reading its drive fails with the daemon's error; the handle goes on serving the others.
        NetworkServers.Kill(nbd);
        await g.DropCachesAsync(3);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        GuestfsException error = await Assert.ThrowsAsync<GuestfsException>(() => g.PreadDeviceAsync("/dev/sda", 4096, 8 << 20, limit.Token));
        _output.WriteLine("read after the server died: " + error.Message);
        Assert.IsNotType<GuestfsConnectionException>(error);
        Assert.Equal("MARKER-HTTP", await ReadMarkerAsync(g, "/dev/sdc", 11));
        Assert.True(await g.IsReadyAsync());
        await g.ShutdownAsync();
    }

    [Fact]
    public async Task HttpsWithACertificateQemuTrusts_IscsiWithChap_NormalBoot_AndSecretsNeverOnTheCommandLine()
    {
        string www = Directory.CreateDirectory(Path.Combine(_servers.Directory, "www")).FullName;
        _servers.CreateDisk(Path.Combine("www", "disk.img"), "MARKER-HTTPS");
        int httpPort = await _servers.StartHttpAsync(www);
        (int httpsPort, string certificate) = await _servers.StartHttpsAsync(httpPort);
        string wrapper = _servers.CreateHypervisorWrapper(certificate, knownHosts: null);
        const string Target = "iqn.2024-01.org.guestfs:test";
        const string ChapPassword = "CHAP-PASSWORD-NOT-IN-ARGV";
        int iscsiPort = await _servers.StartIscsiAsync(_servers.CreateDisk("iscsi.img", "MARKER-ISCSI"), Target, "chapuser", ChapPassword);

        const string Secret = "S3CRET-PASSWORD-NOT-IN-ARGV";
        var debug = new StringBuilder();
        await using GuestfsHandle g = CreateHandle(snapshot: false, wrapper);
        await g.SetTraceAsync(true);
        g.SetEventCallback((_, _, e) => { lock (debug) { debug.AppendLine(e.Buffer); } }, GuestfsEvents.Library | GuestfsEvents.Trace | GuestfsEvents.Warning);
        await g.SetVerboseAsync(true);
        await g.AddDriveAsync("/disk.img", new AddDriveOptions
        {
            Protocol = "https", Server = [$"127.0.0.1:{httpsPort}"], Username = "user", Secret = Secret, Readonly = true,
        });
        await g.AddDriveAsync(Target + "/1", new AddDriveOptions
        {
            Protocol = "iscsi", Server = [$"127.0.0.1:{iscsiPort}"], Username = "chapuser", Secret = ChapPassword,
        });
        await g.LaunchAsync();

        Assert.Equal("MARKER-HTTPS", await ReadMarkerAsync(g, "/dev/sda", 12));
        Assert.Equal("MARKER-ISCSI", await ReadMarkerAsync(g, "/dev/sdb", 12));
        int pid = await g.GetPidAsync();
        string commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
        Assert.Contains("password-secret=hdsecret0", commandLine, StringComparison.Ordinal);
        Assert.Contains("password-secret=hdsecret1", commandLine, StringComparison.Ordinal);
        await g.ShutdownAsync();
        Assert.Contains("file.url=https://127.0.0.1", debug.ToString(), StringComparison.Ordinal);
        foreach (string secret in (string[])[Secret, ChapPassword])
        {
            Assert.DoesNotContain(secret, commandLine, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, debug.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ProtocolQemuLacks_IsATypedErrorNamingItBeforeQemuStarts()
    {
        await using GuestfsHandle g = CreateHandle(snapshot: false);
        await g.AddDriveAsync("volume", new AddDriveOptions { Protocol = "sheepdog", Server = ["127.0.0.1:7000"] });
        BlockDriverUnavailableException e = await Assert.ThrowsAsync<BlockDriverUnavailableException>(() => g.LaunchAsync());
        Assert.Equal("sheepdog", e.Protocol);
        Assert.Contains("sheepdog", e.Message, StringComparison.Ordinal);
        Assert.True(await g.IsConfigAsync());
    }

    [Fact]
    public async Task Gfish_AddUris_NbdHttpAndSsh()
    {
        string nbdDisk = _servers.CreateDisk("nbd.img", "MARKER-GFISH-NBD");
        string www = Directory.CreateDirectory(Path.Combine(_servers.Directory, "www")).FullName;
        _servers.CreateDisk(Path.Combine("www", "disk.img"), "MARKER-GFISH-HTTP");
        string sshDisk = _servers.CreateDisk("ssh.img", "MARKER-GFISH-SSH");
        (_, int nbdPort) = await _servers.StartNbdTcpAsync(nbdDisk, readOnly: true);
        string socket = await _servers.StartNbdUnixAsync(nbdDisk, readOnly: true);
        int httpPort = await _servers.StartHttpAsync(www);
        (int sshPort, string agent, string knownHosts) = await _servers.StartSshAsync();
        string wrapper = _servers.CreateHypervisorWrapper(null, knownHosts);

        var environment = new Dictionary<string, string>
        {
            ["LIBGUESTFS_BACKEND"] = "direct",
            ["LIBGUESTFS_BACKEND_SETTINGS"] = "force_tcg",
            ["LIBGUESTFS_PATH"] = _fixture.ApplianceDirectory,
            ["LIBGUESTFS_HV"] = wrapper,
            ["SSH_AUTH_SOCK"] = agent,
        };
        string[] arguments =
        [
            "--ro",
            "-a", $"nbd://127.0.0.1:{nbdPort}",
            "-a", $"nbd:///?socket={socket}",
            "-a", $"http://127.0.0.1:{httpPort}/disk.img",
            "-a", $"ssh://root@127.0.0.1:{sshPort}{sshDisk}",
            "run",
            ":", "pread-device", "/dev/sda", "16", NetworkServers.MarkerOffset.ToString(),
            ":", "pread-device", "/dev/sdb", "16", NetworkServers.MarkerOffset.ToString(),
            ":", "pread-device", "/dev/sdc", "17", NetworkServers.MarkerOffset.ToString(),
            ":", "pread-device", "/dev/sdd", "16", NetworkServers.MarkerOffset.ToString(),
        ];
        ProcessOutcome gfish = await ApplianceFixture.RunAsync(
            "bash", [Path.Combine(_fixture.RepositoryRoot, "eng", "gfish"), .. arguments], TimeSpan.FromMinutes(10), environment);
        _output.WriteLine($"gfish: exit {gfish.ExitCode}\n{gfish.Output}");

        Assert.True(gfish.ExitCode == 0, gfish.Output);
        // pread-device prints the bytes as they are, without a newline.
        Assert.Equal("MARKER-GFISH-NBDMARKER-GFISH-NBDMARKER-GFISH-HTTPMARKER-GFISH-SSH", gfish.StandardOutput.Trim());
    }

    [Fact]
    public async Task Gfish_BadUri_SaysWhyAndStartsNothing()
    {
        ProcessOutcome gfish = await ApplianceFixture.RunAsync(
            "bash", [Path.Combine(_fixture.RepositoryRoot, "eng", "gfish"), "-a", "nbd://host:99999/x", "run"], TimeSpan.FromMinutes(5));
        Assert.Equal(1, gfish.ExitCode);
        Assert.Contains("'99999' is not a port number", gfish.Output, StringComparison.Ordinal);
    }
}
