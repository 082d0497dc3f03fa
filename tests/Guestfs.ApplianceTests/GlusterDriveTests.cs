using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace Guestfs.ApplianceTests;

/// <summary>
/// Gluster drives against a real single-node Gluster server (<see cref="GlusterServer"/>, one per class): read-only
/// and writable, a write seen in the server's brick, a brick killed mid-call, and gfish's <c>-a gluster://</c>.
/// </summary>
[Collection(ApplianceCollection.Name)]
[Trait("Category", "Appliance")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class GlusterDriveTests : IClassFixture<GlusterServer>
{
    private readonly ApplianceFixture _fixture;
    private readonly GlusterServer _gluster;
    private readonly ITestOutputHelper _output;

    public GlusterDriveTests(ApplianceFixture fixture, GlusterServer gluster, ITestOutputHelper output)
    {
        _fixture = fixture;
        _gluster = gluster;
        _output = output;
    }

    private async Task StartServerAsync()
    {
        Skip.If(GlusterServer.MissingPrerequisite is not null, GlusterServer.MissingPrerequisite);
        await _gluster.StartAsync();
        _output.WriteLine($"gluster server start and image upload: {_gluster.StartTime.TotalSeconds:F1} s");
    }

    [SkippableFact]
    public async Task ReadOnlyAndWritable_AWriteReachesTheBrick_AndABrickKilledMidCallFailsThatCallOnly()
    {
        await StartServerAsync();
        var clock = Stopwatch.StartNew();
        await using var g = new GuestfsHandle(new GuestfsOptions
        {
            ReadEnvironment = false,
            Backend = "direct",
            BackendSettings = ["force_tcg"],
            Path = _fixture.ApplianceDirectory,
            DiagnosticWriter = TextWriter.Null,
        });
        string export = $"{GlusterServer.Volume}/{GlusterServer.Image}";
        await g.AddDriveAsync(export, new AddDriveOptions { Protocol = "gluster", Server = [_gluster.Address], Readonly = true });
        await g.AddDriveAsync(export, new AddDriveOptions { Protocol = "gluster", Server = [$"tcp:{_gluster.Address}:24007"], Format = "raw" });
        await g.LaunchAsync();
        _output.WriteLine($"launch: {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(GlusterServer.Marker, await ReadMarkerAsync(g, "/dev/sda"));
        Assert.Equal(GlusterServer.Marker, await ReadMarkerAsync(g, "/dev/sdb"));

        // A write to the writable drive reaches the brick's file; one to the read-only drive stays in its overlay.
        await g.PwriteDeviceAsync("/dev/sdb", Encoding.ASCII.GetBytes("WRITTEN-OVER-GLUSTER"), 4096);
        await g.PwriteDeviceAsync("/dev/sda", Encoding.ASCII.GetBytes("MUST-NOT-REACH-IT"), 8192);
        await g.SyncAsync();
        Assert.Equal("WRITTEN-OVER-GLUSTER", Encoding.ASCII.GetString(NetworkServers.ReadFile(_gluster.ImageOnServer, 4096, 20)));
        Assert.Equal(new byte[17], NetworkServers.ReadFile(_gluster.ImageOnServer, 8192, 17));

        // The brick dies: a read that needs it fails with the daemon's error, and the handle goes on.
        await _gluster.KillBrickAsync();
        try
        {
            await g.DropCachesAsync(3);
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            GuestfsException error = await Assert.ThrowsAsync<GuestfsException>(() => g.PreadDeviceAsync("/dev/sdb", 4096, 8 << 20, limit.Token));
            _output.WriteLine("read after the brick died: " + error.Message);
            Assert.IsNotType<GuestfsConnectionException>(error);
            Assert.True(await g.IsReadyAsync());
            Assert.Equal(16L << 20, await g.BlockdevGetsize64Async("/dev/sdb"));
        }
        finally
        {
            await _gluster.RestartBrickAsync();
        }

        await g.ShutdownAsync();
        _output.WriteLine($"test: {clock.Elapsed.TotalSeconds:F1} s");
    }

    [SkippableFact]
    public async Task Gfish_AddGlusterUri()
    {
        await StartServerAsync();
        var clock = Stopwatch.StartNew();
        var environment = new Dictionary<string, string>
        {
            ["LIBGUESTFS_BACKEND"] = "direct",
            ["LIBGUESTFS_BACKEND_SETTINGS"] = "force_tcg",
            ["LIBGUESTFS_PATH"] = _fixture.ApplianceDirectory,
        };
        ProcessOutcome gfish = await ApplianceFixture.RunAsync(
            "bash",
            [
                Path.Combine(_fixture.RepositoryRoot, "eng", "gfish"), "--ro", "-a", $"gluster://{_gluster.Address}/{GlusterServer.Volume}/{GlusterServer.Image}",
                "run", ":", "pread-device", "/dev/sda", GlusterServer.Marker.Length.ToString(), NetworkServers.MarkerOffset.ToString(),
            ],
            TimeSpan.FromMinutes(10), environment);
        _output.WriteLine($"gfish: exit {gfish.ExitCode} after {clock.Elapsed.TotalSeconds:F1} s\n{gfish.Output}");

        Assert.True(gfish.ExitCode == 0, gfish.Output);
        Assert.Equal(GlusterServer.Marker, gfish.StandardOutput.Trim());
    }

    private static async Task<string> ReadMarkerAsync(GuestfsHandle g, string device) =>
        Encoding.ASCII.GetString(await g.PreadDeviceAsync(device, GlusterServer.Marker.Length, NetworkServers.MarkerOffset));
}
