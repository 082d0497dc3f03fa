using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Backends.Direct;

namespace Guestfs.Tests.Backends;

/// <summary>Network drives: add_drive's checks (as libguestfs 1.48's), their qemu options, the driver check and -a URIs.</summary>
public sealed class RemoteDriveTests
{
    private static readonly ApplianceFiles s_appliance = new(
        "/cache/appliance.d", "/cache/appliance.d/vmlinux", "/cache/appliance.d/initrd", "/cache/appliance.d/root",
        "01234567-89ab-cdef-0123-456789abcdef", IsFixed: false);

    private static GuestfsOptions NoEnv() => new() { ReadEnvironment = false, Backend = "direct", DiagnosticWriter = TextWriter.Null };

    private static string DriveOption(RemoteSource remote, string export, string? secretFile = null, bool readOnly = false) =>
        QemuCommandLine.DriveOption(new ResolvedDrive(new DriveSpec(export, remote) { Readonly = readOnly }, "raw", Probed: false) { SecretFile = secretFile }, 0);

    [Theory]
    [InlineData("tcp:example.com:10809", "Tcp", "example.com", 10809, null)]
    [InlineData("example.com:80", "None", "example.com", 80, null)]
    [InlineData("example.com", "None", "example.com", 0, null)]
    [InlineData("[::1]:10809", "None", "[::1]", 10809, null)]
    [InlineData("tcp:192.168.0.1", "Tcp", "192.168.0.1", 0, null)]
    [InlineData("unix:/run/nbd.sock", "Unix", null, 0, "/run/nbd.sock")]
    public void DriveServer_Parse_ReadsEachFormLibguestfsAccepts(string text, string transport, string? host, int port, string? socket)
    {
        Assert.Equal(new DriveServer(Enum.Parse<DriveTransport>(transport), host, port, socket), DriveServer.Parse(text));
    }

    [Theory]
    [InlineData("unix:", "missing Unix domain socket path")]
    [InlineData("host:0", "invalid port number '0'")]
    [InlineData("host:70000", "invalid port number '70000'")]
    [InlineData("ho st", "invalid hostname or server string")]
    [InlineData("a,b:22", "invalid hostname 'a,b'")]
    [InlineData("", "invalid hostname or server string")]
    public void DriveServer_Parse_RefusesBadServers(string text, string message)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => DriveServer.Parse(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string[], string?, string?, string> RefusedDrives => new()
    {
        { "nbd", "disk", [], null, null, "nbd: you must specify exactly one server" },
        { "nbd", "disk", ["localhost"], "user", null, "nbd: you cannot specify a username" },
        { "nbd", "disk", ["localhost"], null, "pw", "nbd: you cannot specify a secret" },
        { "http", "/disk.img", ["a", "b"], null, null, "curl: you must specify exactly one server" },
        { "https", "disk.img", ["a"], null, null, "curl: pathname must begin with a '/'" },
        { "ftp", "", ["a"], null, null, "curl: pathname should not be an empty string" },
        { "http", "/d", ["unix:/s"], null, null, "curl: only tcp transport is supported" },
        { "ssh", "/d", ["unix:/s"], null, null, "ssh: only tcp transport is supported" },
        { "ssh", "d", ["a"], null, null, "ssh: pathname must begin with a '/'" },
        { "ssh", "/d", ["a"], "", null, "ssh: username should not be an empty string" },
        { "ssh", "/d", ["a"], "u", "pw", "ssh: qemu's ssh driver takes no secret" },
        { "iscsi", "/iqn", ["a"], null, null, "iscsi: target name must not begin with a '/'" },
        { "rbd", "pool/img", ["mon"], null, null, "rbd: port number must be specified" },
        { "rbd", "img", ["mon:6789"], null, null, "rbd: image name 'img' must be POOL/IMAGE" },
        { "rbd", "pool/img", ["mon:6789"], "admin", "not a key", "rbd: the secret must be the Ceph key in base64" },
        { "gluster", "vol/img", [], null, null, "gluster: you must specify exactly one server" },
        { "gluster", "vol", ["g"], null, null, "gluster: 'vol' must be VOLUME/PATH" },
        { "gluster", "vol/img", ["g"], "u", null, "gluster: you cannot specify a username" },
        { "sheepdog", "/vol", [], null, null, "sheepdog: volume parameter must not begin with a '/'" },
    };

    [Theory]
    [MemberData(nameof(RefusedDrives))]
    public async Task AddDrive_Network_RefusesWhatLibguestfsRefuses(string protocol, string export, string[] server, string? username, string? secret, string message)
    {
        await using var g = new GuestfsHandle(NoEnv());
        ArgumentException e = await Assert.ThrowsAsync<ArgumentException>(() => g.AddDriveAsync(
            export, new AddDriveOptions { Protocol = protocol, Server = server, Username = username, Secret = secret, Readonly = true }));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Empty(g.AddedDrives);
    }

    [Fact]
    public async Task AddDrive_Http_NeedsReadOnlyBecauseQemuCannotWriteIt()
    {
        await using var g = new GuestfsHandle(NoEnv());
        ArgumentException e = await Assert.ThrowsAsync<ArgumentException>(() => g.AddDriveAsync(
            "/disk.img", new AddDriveOptions { Protocol = "http", Server = ["localhost:8080"] }));
        Assert.Contains("readonly:true", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddDrive_Network_NeedsNoLocalFileAndKeepsTheExportAsGiven()
    {
        await using var g = new GuestfsHandle(NoEnv());
        await g.AddDriveAsync("disk", new AddDriveOptions { Protocol = "nbd", Server = ["localhost"], Readonly = true });
        await g.AddDriveAsync("/images/a b.img", new AddDriveOptions { Protocol = "https", Server = ["example.com"], Username = "u", Secret = "s3cret", Readonly = true });
        Assert.Equal(["disk", "/images/a b.img"], g.AddedDrives.Select(d => d.Filename));
    }

    [Fact]
    public async Task AddDrive_File_RefusesUsernameAndSecret()
    {
        await using var g = new GuestfsHandle(NoEnv());
        await Assert.ThrowsAsync<ArgumentException>(() => g.AddDriveAsync("/dev/null", new AddDriveOptions { Username = "u" }));
        await Assert.ThrowsAsync<ArgumentException>(() => g.AddDriveAsync("/dev/null", new AddDriveOptions { Secret = "s" }));
    }

    [Fact]
    public void DriveOption_Nbd_TcpAndUnixServersWithExportAndDefaultPort()
    {
        RemoteSource tcp = RemoteSource.Create("nbd", "exp,ort", ["localhost"], null, null);
        Assert.Equal(
            "file.driver=nbd,file.server.type=inet,file.server.host=localhost,file.server.port=10809,file.export=exp,,ort,format=raw,if=none,id=hd0,cache=writeback",
            DriveOption(tcp, "exp,ort"));

        RemoteSource unix = RemoteSource.Create("nbd", "", ["unix:/run/a,b.sock"], null, null);
        Assert.Equal(
            "file.driver=nbd,file.server.type=unix,file.server.path=/run/a,,b.sock,format=raw,if=none,id=hd0,cache=writeback,snapshot=on",
            DriveOption(unix, "", readOnly: true));
    }

    [Fact]
    public void DriveOption_Https_EscapedUrlAndThePasswordOnlyAsASecretObject()
    {
        RemoteSource remote = RemoteSource.Create("https", "/dir/a b?,x.img", ["[::1]:8443"], "alice", "pa,ss-Zq9x");
        var drive = new ResolvedDrive(new DriveSpec("/dir/a b?,x.img", remote) { Readonly = true }, "raw", Probed: false) { SecretFile = "/tmp/guestfs-1/hdsecret0" };
        IReadOnlyList<string> args = QemuCommandLine.Build(s_appliance, [drive], new LaunchParameters { Drives = [], MemsizeMb = 512, Smp = 1 }, kvm: false, "/tmp/g.sock");

        int drive0 = args.ToList().IndexOf("-drive");
        Assert.Equal("-object", args[drive0 - 2]);
        Assert.Equal("secret,id=hdsecret0,format=raw,file=/tmp/guestfs-1/hdsecret0", args[drive0 - 1]);
        Assert.Equal(
            "file.driver=https,file.url=https://[::1]:8443/dir/a%20b%3F%2Cx.img,file.username=alice,file.password-secret=hdsecret0,format=raw,if=none,id=hd0,cache=writeback,snapshot=on",
            args[drive0 + 1]);
        Assert.DoesNotContain(args, a => a.Contains("Zq9x", StringComparison.Ordinal));
        Assert.DoesNotContain("pa,ss", remote.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iscsi", "iqn.2024-01.com.example:disk", "chap-password", "raw")]
    [InlineData("rbd", "pool/img", "AQBkZXk=", "base64")]
    public void SecretObject_HoldsThePasswordAsIsAndACephKeyDecoded(string protocol, string export, string secret, string format)
    {
        // qemu's rbd driver hands librados the secret's bytes re-encoded in base64: a key given as a keyring holds
        // it (base64) must be decoded by qemu (format=base64), or cephx refuses it.
        RemoteSource remote = RemoteSource.Create(protocol, export, ["host:6789"], "u", secret);
        var drive = new ResolvedDrive(new DriveSpec(export, remote), "raw", Probed: false) { SecretFile = "/tmp/guestfs-1/hdsecret0" };
        Assert.Equal($"secret,id=hdsecret0,format={format},file=/tmp/guestfs-1/hdsecret0", QemuCommandLine.SecretObjectOption(drive, 0));
    }

    [Fact]
    public void DriveOption_SshIscsiRbdGluster_MapToTheirDriversOptions()
    {
        Assert.StartsWith(
            "file.driver=ssh,file.server.host=host,file.server.port=2222,file.path=/var/disk.img,file.user=bob,format=raw",
            DriveOption(RemoteSource.Create("ssh", "/var/disk.img", ["host:2222"], "bob", null), "/var/disk.img"), StringComparison.Ordinal);
        Assert.StartsWith(
            "file.driver=iscsi,file.transport=tcp,file.portal=host:3260,file.target=iqn.2024-01.com.example:disk,file.lun=2,file.user=u,file.password-secret=hdsecret0,format=raw",
            DriveOption(RemoteSource.Create("iscsi", "iqn.2024-01.com.example:disk/2", ["host:3260"], "u", "p"), "iqn.2024-01.com.example:disk/2", "/p/s"),
            StringComparison.Ordinal);
        Assert.StartsWith(
            "file.driver=rbd,file.pool=pool,file.image=img,file.server.0.host=m1,file.server.0.port=6789,file.server.1.host=m2,file.server.1.port=6790,file.user=admin,file.key-secret=hdsecret0,format=raw",
            DriveOption(RemoteSource.Create("rbd", "pool/img", ["m1:6789", "m2:6790"], "admin", "AQBkZXk="), "pool/img", "/p/s"), StringComparison.Ordinal);
        Assert.StartsWith(
            "file.driver=gluster,file.volume=vol,file.path=dir/img,file.server.0.type=inet,file.server.0.host=g,file.server.0.port=24007,format=raw",
            DriveOption(RemoteSource.Create("gluster", "vol/dir/img", ["g"], null, null), "vol/dir/img"), StringComparison.Ordinal);
    }

    [Fact]
    public void BlockDriverSupport_NamesADriverQemuLacksAndAMissingModule()
    {
        IReadOnlySet<string>? drivers = BlockDriverSupport.ParseDrivers("usage...\nSupported formats: file ftp ftps http https iscsi nbd raw ssh qcow2\n");
        Assert.NotNull(drivers);
        string modules = Directory.CreateTempSubdirectory("gfs-mod-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(modules, "accel-tcg-x86_64.so"), string.Empty);
            BlockDriverUnavailableException? sheepdog = BlockDriverSupport.Check("sheepdog", drivers, [modules]);
            Assert.NotNull(sheepdog);
            Assert.Null(sheepdog.Module);
            Assert.Contains("no 'sheepdog' block driver", sheepdog.Message, StringComparison.Ordinal);

            BlockDriverUnavailableException? http = BlockDriverSupport.Check("http", drivers, [modules]);
            Assert.NotNull(http);
            Assert.Equal("block-curl.so", http.Module);
            Assert.Contains("qemu-block-extra", http.Message, StringComparison.Ordinal);

            Assert.Null(BlockDriverSupport.Check("nbd", drivers, [modules]));     // built in
            File.WriteAllText(Path.Combine(modules, "block-curl.so"), string.Empty);
            Assert.Null(BlockDriverSupport.Check("https", drivers, [modules]));
            Assert.Null(BlockDriverSupport.Check("ssh", drivers, []));           // no modules: built in
        }
        finally
        {
            Directory.Delete(modules, recursive: true);
        }
    }

    [Fact]
    public void BlockDriverSupport_RefusesFtpsWhenQemusLibcurlIsOlderThanTheFix()
    {
        string root = Directory.CreateTempSubdirectory("gfs-curl-").FullName;
        try
        {
            string module = Path.Combine(root, "block-curl.so");
            string libraries = Directory.CreateDirectory(Path.Combine(root, "lib")).FullName;
            File.WriteAllBytes(module, [0x7f, .. "ELF\0libcurl\0libcurl is\0libcurl-gnutls.so.4\0libc.so.6\0"u8]);
            Assert.Null(BlockDriverSupport.CurlVersion(module, [libraries]));      // the library is not there
            File.WriteAllBytes(Path.Combine(libraries, "libcurl-gnutls.so.4"), [.. "\0libcurl/%s\0libcurl/\0libcurl/7.88.1\0libcurl/8.0\0"u8]);
            System.Version? old = BlockDriverSupport.CurlVersion(module, [Path.Combine(root, "none"), libraries]);
            Assert.Equal(new System.Version(7, 88, 1), old);

            BlockDriverUnavailableException? refused = BlockDriverSupport.CheckFtps(old);
            Assert.NotNull(refused);
            Assert.Equal("ftps", refused.Protocol);
            Assert.Null(refused.Module);
            Assert.Contains("libcurl 7.88.1, which cannot read FTPS drives", refused.Message, StringComparison.Ordinal);
            Assert.Contains("8.7.0", refused.Message, StringComparison.Ordinal);
            Assert.Null(BlockDriverSupport.CheckFtps(new System.Version(8, 7, 0)));
            Assert.Null(BlockDriverSupport.CheckFtps(null));                     // unknown: qemu's own error will say

            File.WriteAllBytes(module, [.. "a wrapper script, no library named"u8]);
            Assert.Null(BlockDriverSupport.CurlVersion(module, [libraries]));
            Assert.Null(BlockDriverSupport.CurlVersion(Path.Combine(root, "missing.so"), [libraries]));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("disk.img", "file", "disk.img", null, null, null)]
    [InlineData("/dev/sda", "file", "/dev/sda", null, null, null)]
    [InlineData("Nbd://x/y", "file", "Nbd://x/y", null, null, null)]
    [InlineData("nbd://example.com", "nbd", "", "tcp:example.com", null, null)]
    [InlineData("nbd://example.com:3000/exp", "nbd", "exp", "tcp:example.com:3000", null, null)]
    [InlineData("nbd:///exp?socket=/run/nbd%20a.sock", "nbd", "exp", "unix:/run/nbd a.sock", null, null)]
    [InlineData("nbd://?socket=/s", "nbd", "", "unix:/s", null, null)]
    [InlineData("http://example.com/a%20b.img", "http", "/a b.img", "tcp:example.com", null, null)]
    [InlineData("https://[::1]:8443/disk", "https", "/disk", "tcp:[::1]:8443", null, null)]
    [InlineData("ssh://bob@host:2222/var/disk.img", "ssh", "/var/disk.img", "tcp:host:2222", "bob", null)]
    [InlineData("ssh://bob:pw@host/d", "ssh", "/d", "tcp:host", "bob", "pw")]
    [InlineData("iscsi://host/iqn.2024-01.com.example:t/1", "iscsi", "iqn.2024-01.com.example:t/1", "tcp:host", null, null)]
    [InlineData("rbd:///pool/disk", "rbd", "pool/disk", null, null, null)]
    [InlineData("gluster://g/vol/dir/img", "gluster", "vol/dir/img", "tcp:g", null, null)]
    [InlineData("ftp://u:@host/d", "ftp", "/d", "tcp:host", "u", null)]
    public void DriveUri_Parse_AsLibguestfsTools(string argument, string protocol, string path, string? server, string? username, string? password)
    {
        DriveUri uri = DriveUri.Parse(argument);
        Assert.Equal(protocol, uri.Protocol);
        Assert.Equal(path, uri.Path);
        Assert.Equal(server, uri.Server?.Single());
        Assert.Equal(username, uri.Username);
        Assert.Equal(password, uri.Password);
    }

    [Theory]
    [InlineData("nbd://host/x?socket=/s", "cannot both a server name and a socket")]
    [InlineData("nbd://host:99999/x", "'99999' is not a port number")]
    [InlineData("nbd://host:abc/x", "'abc' is not a port number")]
    [InlineData("http://u:secretpw@host:x/d", "http://u:***@host:x/d")]
    [InlineData("nbd:///a%00b", "NUL")]
    public void DriveUri_Parse_RefusesWithTheReasonAndNeverShowsThePassword(string argument, string message)
    {
        FormatException e = Assert.Throws<FormatException>(() => DriveUri.Parse(argument));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secretpw", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DriveUri_ToAddDriveOptions_CarriesServerUserAndPasswordAsSecret()
    {
        DriveUri uri = DriveUri.Parse("https://alice:pw@example.com/d.img");
        AddDriveOptions options = uri.ToAddDriveOptions(new AddDriveOptions { Readonly = true });
        Assert.Equal(("https", "alice", "pw", true), (options.Protocol, options.Username, options.Secret, options.Readonly));
        Assert.Equal(["tcp:example.com"], options.Server);
        Assert.DoesNotContain("pw", uri.ToString(), StringComparison.Ordinal);
    }
}
