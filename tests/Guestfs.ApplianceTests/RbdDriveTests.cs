using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace Guestfs.ApplianceTests;

/// <summary>
/// RBD drives against a real single-node Ceph cluster (<see cref="CephServer"/>, one per class) with cephx: read-only
/// and writable drives of a user allowed only its pool, a write seen in the cluster, and the key never on qemu's
/// command line nor in the traces.
/// </summary>
[Collection(ApplianceCollection.Name)]
[Trait("Category", "Appliance")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RbdDriveTests : IClassFixture<CephServer>, IDisposable
{
    private readonly ApplianceFixture _fixture;
    private readonly CephServer _ceph;
    private readonly ITestOutputHelper _output;
    private readonly NetworkServers _files = new();

    public RbdDriveTests(ApplianceFixture fixture, CephServer ceph, ITestOutputHelper output)
    {
        _fixture = fixture;
        _ceph = ceph;
        _output = output;
    }

    public void Dispose() => _files.Dispose();

    [SkippableFact]
    public async Task ReadOnlyAndWritableWithACephxKey_AWriteReachesTheCluster_AndTheKeyNeverOnTheCommandLine()
    {
        Skip.If(CephServer.MissingPrerequisite is not null, CephServer.MissingPrerequisite);
        await _ceph.StartAsync();
        _output.WriteLine($"ceph cluster start: {_ceph.StartTime.TotalSeconds:F1} s");
        await _ceph.ImportAsync(_files.CreateDisk("ro.img", "MARKER-RBD-RO"), "ro");
        await _ceph.ImportAsync(_files.CreateDisk("rw.img", "MARKER-RBD-RW"), "rw");

        var clock = Stopwatch.StartNew();
        var debug = new StringBuilder();
        await using var g = new GuestfsHandle(new GuestfsOptions
        {
            ReadEnvironment = false,
            Backend = "direct",
            BackendSettings = ["force_tcg", "snapshot=0"],     // the drives on qemu's command line, not hot-plugged
            Path = _fixture.ApplianceDirectory,
            DiagnosticWriter = TextWriter.Null,
        });
        g.SetEventCallback((_, _, e) => { lock (debug) { debug.AppendLine(e.Buffer); } }, GuestfsEvents.Library | GuestfsEvents.Trace | GuestfsEvents.Warning);
        await g.SetTraceAsync(true);
        await g.SetVerboseAsync(true);
        string monitor = $"127.0.0.1:{_ceph.MonitorPort}";
        await g.AddDriveAsync($"{CephServer.Pool}/ro", new AddDriveOptions
        {
            Protocol = "rbd", Server = [monitor], Username = CephServer.User, Secret = _ceph.Key, Readonly = true,
        });
        await g.AddDriveAsync($"{CephServer.Pool}/rw", new AddDriveOptions
        {
            Protocol = "rbd", Server = ["tcp:" + monitor], Username = CephServer.User, Secret = _ceph.Key,
        });
        await g.LaunchAsync();
        _output.WriteLine($"launch: {clock.Elapsed.TotalSeconds:F1} s");

        string commandLine = File.ReadAllText($"/proc/{await g.GetPidAsync()}/cmdline");
        Assert.Contains("file.driver=rbd", commandLine, StringComparison.Ordinal);
        Assert.Contains("key-secret=hdsecret0", commandLine, StringComparison.Ordinal);
        Assert.Contains("key-secret=hdsecret1", commandLine, StringComparison.Ordinal);
        Assert.Equal("MARKER-RBD-RO", Encoding.ASCII.GetString(await g.PreadDeviceAsync("/dev/sda", 13, NetworkServers.MarkerOffset)));
        Assert.Equal("MARKER-RBD-RW", Encoding.ASCII.GetString(await g.PreadDeviceAsync("/dev/sdb", 13, NetworkServers.MarkerOffset)));

        // A write to the writable drive reaches the cluster; one to the read-only drive stays in its overlay.
        await g.PwriteDeviceAsync("/dev/sdb", Encoding.ASCII.GetBytes("WRITTEN-OVER-RBD"), 4096);
        await g.PwriteDeviceAsync("/dev/sda", Encoding.ASCII.GetBytes("MUST-NOT-REACH-IT"), 4096);
        await g.SyncAsync();
        await g.ShutdownAsync();
        string exported = Path.Combine(_files.Directory, "exported.img");
        await _ceph.ExportAsync("rw", exported);
        Assert.Equal("WRITTEN-OVER-RBD", Encoding.ASCII.GetString(NetworkServers.ReadFile(exported, 4096, 16)));
        File.Delete(exported);
        await _ceph.ExportAsync("ro", exported);
        Assert.Equal(new byte[17], NetworkServers.ReadFile(exported, 4096, 17));

        Assert.DoesNotContain(_ceph.Key, commandLine, StringComparison.Ordinal);
        Assert.DoesNotContain(_ceph.Key, debug.ToString(), StringComparison.Ordinal);
        _output.WriteLine($"test: {clock.Elapsed.TotalSeconds:F1} s");
    }
}
