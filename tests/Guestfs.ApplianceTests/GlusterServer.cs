using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.ApplianceTests;

/// <summary>
/// A single-node Gluster server for a test class (started on first use, killed on dispose): glusterd and volume
/// <see cref="Volume"/> with one brick in a private directory, fenced by <c>StorageServers/gluster-server.sh</c> in
/// its own mount and PID namespace, listening on a loopback address of its own (<see cref="Address"/>). The
/// volume holds <see cref="Image"/>, a raw disk with <see cref="Marker"/> at <see cref="NetworkServers.MarkerOffset"/>,
/// put there through gfapi (<c>qemu-img convert</c> to a <c>gluster://</c> URL).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class GlusterServer : IDisposable
{
    /// <summary>The volume's name.</summary>
    public const string Volume = "guestfs";

    /// <summary>The image in the volume.</summary>
    public const string Image = "disk.img";

    /// <summary>What the image holds at <see cref="NetworkServers.MarkerOffset"/>.</summary>
    public const string Marker = "MARKER-GLUSTER";

    private readonly SemaphoreSlim _start = new(1, 1);
    private readonly string _directory;
    private NamespacedServer? _server;

    public GlusterServer()
    {
        _directory = Directory.CreateTempSubdirectory("guestfs-gluster-").FullName;
        File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // 127.0.0.1 is refused as a brick host; another loopback address, drawn at random, also keeps two runs apart.
        Address = $"127.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";
    }

    /// <summary>Why the server cannot run here, or <see langword="null"/>.</summary>
    public static string? MissingPrerequisite =>
        NetworkServers.Has("glusterd") && NetworkServers.Has("gluster") ? null : "glusterfs-server is not installed (eng/setup.sh installs it)";

    /// <summary>The address glusterd and the brick listen on (port 24007 and one from 49152).</summary>
    public string Address { get; }

    /// <summary>How long the first <see cref="StartAsync"/> took (server start and the image upload).</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>The image's file in the brick, as the server keeps it.</summary>
    public string ImageOnServer => Path.Combine(_directory, "brick", Image);

    /// <summary>Starts the server and uploads the image, once.</summary>
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
            _server = await NamespacedServer.StartAsync("gluster-server.sh", [_directory, Address, Volume], TimeSpan.FromMinutes(2));
            string local = Path.Combine(_directory, "upload.img");
            using (var file = new FileStream(local, FileMode.CreateNew, FileAccess.Write))
            {
                file.SetLength(16 << 20);
                file.Position = NetworkServers.MarkerOffset;
                file.Write(Encoding.ASCII.GetBytes(Marker));
            }

            ProcessOutcome upload = await ApplianceFixture.RunAsync(
                "qemu-img", ["convert", "-q", "-f", "raw", "-O", "raw", local, $"gluster://{Address}/{Volume}/{Image}"], TimeSpan.FromMinutes(2));
            Assert.True(upload.ExitCode == 0, "qemu-img convert to gluster failed: " + upload.Output + _server.Errors);
            File.Delete(local);
            StartTime = clock.Elapsed;
        }
        finally
        {
            _start.Release();
        }
    }

    /// <summary>Kills the brick process (the server that holds the data) at once.</summary>
    public Task KillBrickAsync() =>
        _server!.RunInsideAsync("sh", "-c", $"kill -KILL $(cat /run/gluster/vols/{Volume}/*.pid)");

    /// <summary>Starts the brick again (<c>volume start force</c> restarts the bricks that are down).</summary>
    public Task RestartBrickAsync() =>
        _server!.RunInsideAsync("gluster", "--mode=script", "volume", "start", Volume, "force");

    public void Dispose()
    {
        _server?.Dispose();
        _start.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
