using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.ApplianceTests;

/// <summary>
/// Real servers for network-drive tests, each fenced: listening on 127.0.0.1 (or a unix socket) on a free port,
/// serving only files in this object's private (0700) directory, and killed on dispose. qemu-nbd, busybox httpd
/// (Range requests), stunnel in front of it for HTTPS (a self-signed certificate), and sshd with key
/// authentication only, its key in a private ssh-agent.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class NetworkServers : IDisposable
{
    private readonly List<Process> _processes = [];

    public NetworkServers()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("guestfs-net-servers-").FullName;
        File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The private directory everything lives in.</summary>
    public string Directory { get; }

    /// <summary>Whether <paramref name="program"/> is installed (tests that need it say so when it is not).</summary>
    public static bool Has(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Append("/usr/sbin").Any(d => File.Exists(Path.Combine(d, program)));

    /// <summary>A raw disk of <paramref name="megabytes"/> MiB with <paramref name="marker"/> at 1 MiB.</summary>
    public string CreateDisk(string name, string marker, int megabytes = 16)
    {
        string path = Path.Combine(Directory, name);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        file.SetLength((long)megabytes << 20);
        file.Position = MarkerOffset;
        file.Write(System.Text.Encoding.ASCII.GetBytes(marker));
        return path;
    }

    /// <summary>Where <see cref="CreateDisk"/> writes the marker.</summary>
    public const long MarkerOffset = 1 << 20;

    /// <summary><paramref name="count"/> bytes of the file at <paramref name="path"/> from <paramref name="offset"/> (what a server holds).</summary>
    public static byte[] ReadFile(string path, long offset, int count)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.Position = offset;
        byte[] buffer = new byte[count];
        file.ReadExactly(buffer);
        return buffer;
    }

    /// <summary>Serves <paramref name="image"/> with qemu-nbd on a TCP port; returns the process and the port.</summary>
    public async Task<(Process Server, int Port)> StartNbdTcpAsync(string image, bool readOnly)
    {
        int port = FreePort();
        Process server = Start("qemu-nbd", ["-f", "raw", "-t", "-b", "127.0.0.1", "-p", port.ToString(), .. (readOnly ? ["-r"] : Array.Empty<string>()), image]);
        await WaitForTcpAsync(port, server);
        return (server, port);
    }

    /// <summary>Serves <paramref name="image"/> with qemu-nbd on a unix socket in the private directory.</summary>
    public async Task<string> StartNbdUnixAsync(string image, bool readOnly)
    {
        string socket = Path.Combine(Directory, "nbd-" + Path.GetFileName(image) + ".sock");
        Process server = Start("qemu-nbd", ["-f", "raw", "-t", "-k", socket, .. (readOnly ? ["-r"] : Array.Empty<string>()), image]);
        await WaitUntilAsync(() => File.Exists(socket), server);
        return socket;
    }

    /// <summary>Serves the files of <paramref name="root"/> over HTTP (busybox httpd answers Range requests).</summary>
    public async Task<int> StartHttpAsync(string root)
    {
        int port = FreePort();
        Process server = Start("busybox", ["httpd", "-f", "-p", "127.0.0.1:" + port, "-h", root]);
        await WaitForTcpAsync(port, server);
        return port;
    }

    /// <summary>HTTPS in front of an HTTP port (stunnel, a new self-signed certificate for 127.0.0.1); returns the port and the certificate.</summary>
    public async Task<(int Port, string Certificate)> StartHttpsAsync(int httpPort)
    {
        (string key, string certificate) = await CreateCertificateAsync(Directory);
        int port = FreePort();
        string config = Path.Combine(Directory, "stunnel.conf");
        File.WriteAllText(config, $"foreground = yes\npid =\n[https]\naccept = 127.0.0.1:{port}\nconnect = 127.0.0.1:{httpPort}\ncert = {certificate}\nkey = {key}\n");
        Process server = Start("stunnel4", [config]);
        await WaitForTcpAsync(port, server);
        return (port, certificate);
    }

    /// <summary>A new self-signed certificate for 127.0.0.1 (valid one day) and its key, as <c>tls.crt</c> and <c>tls.key</c> in <paramref name="directory"/>.</summary>
    internal static async Task<(string Key, string Certificate)> CreateCertificateAsync(string directory)
    {
        string key = Path.Combine(directory, "tls.key");
        string certificate = Path.Combine(directory, "tls.crt");
        await RunAsync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]);
        return (key, certificate);
    }

    /// <summary>
    /// sshd on a free port accepting only <c>root</c>'s key from a private ssh-agent; returns the port, the agent socket
    /// and a known_hosts file naming the server's key.
    /// </summary>
    public async Task<(int Port, string AgentSocket, string KnownHosts)> StartSshAsync()
    {
        string hostKey = Path.Combine(Directory, "ssh_host_ed25519_key");
        string clientKey = Path.Combine(Directory, "client_ed25519_key");
        await RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", string.Empty, "-f", hostKey]);
        await RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", string.Empty, "-f", clientKey]);
        string authorized = Path.Combine(Directory, "authorized_keys");
        File.Copy(clientKey + ".pub", authorized);
        int port = FreePort();
        string config = Path.Combine(Directory, "sshd_config");
        File.WriteAllText(config,
            $"Port {port}\nListenAddress 127.0.0.1\nHostKey {hostKey}\nAuthorizedKeysFile {authorized}\nPasswordAuthentication no\n" +
            "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\nPermitRootLogin prohibit-password\nStrictModes no\nUsePAM no\nPidFile none\n" +
            "Subsystem sftp internal-sftp\n");
        System.IO.Directory.CreateDirectory("/run/sshd");     // sshd's privilege-separation directory
        Process server = Start("/usr/sbin/sshd", ["-D", "-e", "-f", config]);
        await WaitForTcpAsync(port, server);

        string agentSocket = Path.Combine(Directory, "agent.sock");
        Process agent = Start("ssh-agent", ["-D", "-a", agentSocket]);
        await WaitUntilAsync(() => File.Exists(agentSocket), agent);
        await RunAsync("ssh-add", ["-q", clientKey], new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = agentSocket });

        string knownHosts = Path.Combine(Directory, "known_hosts");
        string[] publicKey = File.ReadAllText(hostKey + ".pub").Split(' ');
        File.WriteAllText(knownHosts, $"[127.0.0.1]:{port} {publicKey[0]} {publicKey[1]}\n");
        return (port, agentSocket, knownHosts);
    }

    /// <summary>
    /// An iSCSI target (tgtd, listening on 127.0.0.1 only, its control port chosen at random) exporting
    /// <paramref name="image"/> as LUN 1 of <paramref name="target"/> to 127.0.0.1, with CHAP user and password.
    /// </summary>
    public async Task<int> StartIscsiAsync(string image, string target, string user, string password)
    {
        int port = FreePort();
        string control = Random.Shared.Next(1000, 30000).ToString();
        Process server = Start("tgtd", ["-f", "--iscsi", $"portal=127.0.0.1:{port}", "-C", control]);
        await WaitForTcpAsync(port, server);
        string[][] steps =
        [
            ["--op", "new", "--mode", "target", "--tid", "1", "-T", target],
            ["--op", "new", "--mode", "logicalunit", "--tid", "1", "--lun", "1", "-b", image],
            ["--op", "new", "--mode", "account", "--user", user, "--password", password],
            ["--op", "bind", "--mode", "account", "--tid", "1", "--user", user],
            ["--op", "bind", "--mode", "target", "--tid", "1", "-I", "127.0.0.1"],
        ];
        foreach (string[] step in steps)
        {
            await RunAsync("tgtadm", ["-C", control, "--lld", "iscsi", .. step]);
        }

        return port;
    }

    /// <summary>
    /// A hypervisor wrapper for tests: qemu in its own mount namespace, where the system CA bundle is
    /// <paramref name="trustedCertificate"/> and the user's home (where libssh reads <c>.ssh/known_hosts</c>) is a
    /// private directory holding <paramref name="knownHosts"/>. Nothing outside qemu sees either.
    /// </summary>
    public string CreateHypervisorWrapper(string? trustedCertificate, string? knownHosts)
    {
        string home = Path.Combine(Directory, "home");
        System.IO.Directory.CreateDirectory(Path.Combine(home, ".ssh"));
        if (knownHosts is not null)
        {
            File.Copy(knownHosts, Path.Combine(home, ".ssh", "known_hosts"), overwrite: true);
        }

        string wrapper = Path.Combine(Directory, "qemu-wrapper");
        string trust = trustedCertificate is null ? string.Empty : $"mount --bind '{trustedCertificate}' /etc/ssl/certs/ca-certificates.crt && ";
        File.WriteAllText(wrapper,
            "#!/bin/sh\n" +
            "exec unshare -m sh -c '" +
            "home=$(getent passwd $(id -u) | cut -d: -f6) && " + trust.Replace("'", "'\\''", StringComparison.Ordinal) +
            $"mount --bind {home} \"$home\" && exec qemu-system-x86_64 \"$@\"' qemu \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return wrapper;
    }

    /// <summary>Kills a server (a server that dies mid-call).</summary>
    public static void Kill(Process server)
    {
        server.Kill();
        server.WaitForExit(5000);
    }

    public void Dispose()
    {
        foreach (Process process in _processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private Process Start(string program, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    internal static async Task RunAsync(string program, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        ProcessOutcome outcome = await ApplianceFixture.RunAsync(program, arguments, TimeSpan.FromMinutes(2), environment);
        Assert.True(outcome.ExitCode == 0, $"{program} failed: {outcome.Output}");
    }

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on (now).</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task WaitForTcpAsync(int port, Process server) => WaitUntilAsync(() =>
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }, server);

    private static async Task WaitUntilAsync(Func<bool> ready, Process server)
    {
        var clock = Stopwatch.StartNew();
        while (!ready())
        {
            Assert.False(server.HasExited, $"{server.StartInfo.FileName} exited with status {(server.HasExited ? server.ExitCode : 0)}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"{server.StartInfo.FileName} did not start listening");
            await Task.Delay(50);
        }
    }
}
