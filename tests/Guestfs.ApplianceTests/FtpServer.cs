using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;

namespace Guestfs.ApplianceTests;

/// <summary>
/// One vsftpd for tests, fenced by <c>StorageServers/ftp-server.sh</c> (its own mount and PID namespace; killed with
/// every session on dispose): on 127.0.0.1 at a free port, passive data ports in a range of its own, read-only,
/// anonymous logins and the local user <see cref="User"/> with <see cref="Password"/> (a private passwd, shadow and
/// PAM file seen only by vsftpd). It serves <see cref="ImagePath"/>: an ext2 file system holding
/// <see cref="FileName"/>. With implicit TLS (<c>ftps://</c>, as libcurl speaks it) on the control and data
/// connections, its certificate is a new self-signed one for 127.0.0.1 (<see cref="Certificate"/>). Every FTP
/// command it receives is logged (<see cref="Log"/>), passwords excepted.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FtpServer : IDisposable
{
    /// <summary>The local user that logs in with <see cref="Password"/>.</summary>
    public const string User = "guestfs";

    /// <summary>The served image's path on the server.</summary>
    public const string ImagePath = "/disk.img";

    /// <summary>The file in the image's file system.</summary>
    public const string FileName = "/served-over-ftp.txt";

    /// <summary>What <see cref="FileName"/> holds.</summary>
    public const string FileContent = "written into the image by the test\n";

    private readonly string _directory;
    private NamespacedServer? _server;

    private FtpServer(string directory, int port, string? certificate)
    {
        _directory = directory;
        Port = port;
        Certificate = certificate;
    }

    /// <summary>Why vsftpd cannot run here, or <see langword="null"/>.</summary>
    public static string? MissingPrerequisite =>
        !NetworkServers.Has("vsftpd") ? "vsftpd is not installed (eng/setup.sh installs it)"
        : !Directory.Exists("/srv/ftp") || !File.Exists("/etc/pam.d/vsftpd") ? "the vsftpd package's /srv/ftp or /etc/pam.d/vsftpd is missing"
        : null;

    /// <summary>The control port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The password of <see cref="User"/> (new for each server).</summary>
    public string Password { get; } = "ftp-pw-" + Guid.NewGuid().ToString("N");

    /// <summary>The server's certificate (PEM) when it speaks implicit TLS, otherwise <see langword="null"/>.</summary>
    public string? Certificate { get; }

    /// <summary>vsftpd's log so far: logins and every command.</summary>
    public string Log
    {
        get
        {
            string log = Path.Combine(_directory, "vsftpd.log");
            return File.Exists(log) ? File.ReadAllText(log) : string.Empty;
        }
    }

    /// <summary>The server's private directory (configuration, password, log, certificate).</summary>
    public string PrivateDirectory => _directory;

    /// <summary>Creates the image and starts vsftpd; returns once it listens.</summary>
    /// <param name="implicitTls">Whether to speak implicit TLS (<c>ftps://</c>) rather than plain FTP.</param>
    public static async Task<FtpServer> StartAsync(bool implicitTls)
    {
        string directory = Directory.CreateTempSubdirectory("guestfs-ftp-").FullName;
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        FtpServer? server = null;
        try
        {
            string root = Path.Combine(directory, "ftp");
            Directory.CreateDirectory(root);
            const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            File.SetUnixFileMode(root, Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            string content = Path.Combine(directory, "content");
            Directory.CreateDirectory(content);
            await File.WriteAllTextAsync(Path.Combine(content, FileName.TrimStart('/')), FileContent);
            string image = Path.Combine(root, ImagePath.TrimStart('/'));
            await NetworkServers.RunAsync("mke2fs", ["-q", "-F", "-t", "ext2", "-d", content, image, "16M"]);
            File.SetUnixFileMode(image, Readable);

            string? certificate = null;
            string tls = string.Empty;
            if (implicitTls)
            {
                // require_ssl_reuse=NO: libcurl with GnuTLS (qemu's, on Debian) does not resume the control connection's
                // TLS session on the data connection, which vsftpd otherwise requires ("522 ... session reuse required").
                (string key, certificate) = await NetworkServers.CreateCertificateAsync(directory);
                tls = $"""
                    ssl_enable=YES
                    implicit_ssl=YES
                    rsa_cert_file={certificate}
                    rsa_private_key_file={key}
                    ssl_ciphers=HIGH
                    allow_anon_ssl=YES
                    force_local_logins_ssl=YES
                    force_local_data_ssl=YES
                    require_ssl_reuse=NO

                    """;
            }

            server = new FtpServer(directory, NetworkServers.FreePort(), certificate);
            await File.WriteAllTextAsync(Path.Combine(directory, "password"), server.Password);
            // Passive data ports: 50 from a random base below Linux's ephemeral range, so no outgoing connection holds one.
            int passive = Random.Shared.Next(20000, 32000 - 50);
            await File.WriteAllTextAsync(Path.Combine(directory, "vsftpd.conf"), string.Create(CultureInfo.InvariantCulture, $"""
                listen=YES
                listen_ipv6=NO
                listen_address=127.0.0.1
                listen_port={server.Port}
                background=NO
                anonymous_enable=YES
                no_anon_password=YES
                ftp_username=ftp
                anon_root=/srv/ftp
                local_enable=YES
                local_root=/srv/ftp
                chroot_local_user=YES
                write_enable=NO
                pam_service_name=vsftpd
                userlist_enable=NO
                tcp_wrappers=NO
                nopriv_user=nobody
                secure_chroot_dir={directory}/empty
                port_enable=NO
                connect_from_port_20=NO
                pasv_enable=YES
                pasv_min_port={passive}
                pasv_max_port={passive + 49}
                seccomp_sandbox=NO
                syslog_enable=NO
                xferlog_enable=YES
                xferlog_std_format=NO
                log_ftp_protocol=YES
                vsftpd_log_file={directory}/vsftpd.log
                {tls}
                """));
            server._server = await NamespacedServer.StartAsync(
                "ftp-server.sh", [directory, server.Port.ToString(CultureInfo.InvariantCulture), User], TimeSpan.FromMinutes(1));
            return server;
        }
        catch
        {
            if (server is not null)
            {
                server.Dispose();
            }
            else
            {
                Directory.Delete(directory, recursive: true);
            }

            throw;
        }
    }

    /// <summary>The URL of <see cref="ImagePath"/> (<c>ftp://</c> or <c>ftps://</c>), with <paramref name="userInfo"/> when given.</summary>
    public string Url(string? userInfo = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{(Certificate is null ? "ftp" : "ftps")}://{(userInfo is null ? null : userInfo + "@")}127.0.0.1:{Port}{ImagePath}");

    /// <summary>Kills vsftpd and every session it forked at once (a server that dies mid-call), keeping its files.</summary>
    public void Kill()
    {
        _server?.Dispose();
        _server = null;
    }

    public void Dispose()
    {
        _server?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
