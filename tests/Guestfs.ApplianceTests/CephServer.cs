using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.ApplianceTests;

/// <summary>
/// A single-node Ceph cluster for a test class (started on first use, killed on dispose): one monitor on
/// 127.0.0.1:<see cref="MonitorPort"/> and one memstore OSD, cephx on, fenced by
/// <c>StorageServers/ceph-server.sh</c> in its own mount and PID namespace, everything in a private directory. It has
/// the RBD pool <see cref="Pool"/> and the cephx user <see cref="User"/> allowed to use it (its key:
/// <see cref="Key"/>). Images go in and out with <c>rbd import</c> and <c>rbd export</c> as client.admin.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CephServer : IDisposable
{
    /// <summary>The RBD pool.</summary>
    public const string Pool = "guestfs";

    /// <summary>The cephx user (client.guestfs) the drives authenticate as.</summary>
    public const string User = "guestfs";

    private readonly SemaphoreSlim _start = new(1, 1);
    private readonly string _directory;
    private NamespacedServer? _server;

    public CephServer()
    {
        _directory = Directory.CreateTempSubdirectory("guestfs-ceph-").FullName;
        File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Why the cluster cannot run here, or <see langword="null"/>.</summary>
    public static string? MissingPrerequisite =>
        NetworkServers.Has("ceph-mon") && NetworkServers.Has("ceph-osd") && NetworkServers.Has("rbd")
            ? null : "ceph-mon and ceph-osd are not installed (eng/setup.sh installs them)";

    /// <summary>The monitor's port on 127.0.0.1.</summary>
    public int MonitorPort { get; private set; }

    /// <summary><see cref="User"/>'s cephx key, in base64 as a keyring holds it.</summary>
    public string Key { get; private set; } = string.Empty;

    /// <summary>How long the first <see cref="StartAsync"/> took.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>Starts the cluster, once.</summary>
    public async Task StartAsync()
    {
        await _start.WaitAsync();
        try
        {
            if (_server is not null)
            {
                return;
            }

            var clock = Stopwatch.StartNew();
            MonitorPort = NetworkServers.FreePort();
            _server = await NamespacedServer.StartAsync("ceph-server.sh", [_directory, MonitorPort.ToString(), Pool, User], TimeSpan.FromMinutes(2));
            Key = (await RunAsync("ceph-authtool", "-p", "-n", "client." + User, Path.Combine(_directory, "keyring"))).Trim();
            StartTime = clock.Elapsed;
        }
        finally
        {
            _start.Release();
        }
    }

    /// <summary>Copies the local raw image <paramref name="path"/> into the pool as <paramref name="image"/>.</summary>
    public Task ImportAsync(string path, string image) => RunAsync("rbd", "-c", Configuration, "import", "--no-progress", path, $"{Pool}/{image}");

    /// <summary>Copies <paramref name="image"/> out of the pool to the local file <paramref name="path"/>.</summary>
    public Task ExportAsync(string image, string path) => RunAsync("rbd", "-c", Configuration, "export", "--no-progress", $"{Pool}/{image}", path);

    public void Dispose()
    {
        _server?.Dispose();
        _start.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string Configuration => Path.Combine(_directory, "ceph.conf");

    private async Task<string> RunAsync(string program, params string[] arguments)
    {
        ProcessOutcome outcome = await ApplianceFixture.RunAsync(program, arguments, TimeSpan.FromMinutes(1));
        Assert.True(outcome.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {outcome.Output}\n{_server?.Errors}");
        return outcome.StandardOutput;
    }
}
