using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Backends.Direct;
using Guestfs.Xdr;

namespace Guestfs.ApplianceTests;

[Collection(ApplianceCollection.Name)]
[Trait("Category", "Appliance")]
public sealed class DirectBackendTests
{
    private const int ListDevices = 7;
    private const int BlockdevGetsize64 = 63;

    private readonly ApplianceFixture _fixture;

    public DirectBackendTests(ApplianceFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Launch_TwoDrives_DaemonSendsFlagListsDisksAndSeesLabel()
    {
        string scratch = _fixture.CreateScratchDisk("launch-a.img", 64);
        string data = _fixture.CreateScratchDisk("launch-b.img", 32);
        LaunchParameters parameters = ApplianceFixture.TcgParameters(
        [
            new DriveSpec(scratch) { Format = "raw" },
            new DriveSpec(data) { Format = "raw", Readonly = true, Label = "DATA" },
        ]);
        var sink = new RecordingSink();
        var backend = new DirectBackend();
        await using (backend)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            DaemonChannel channel = await DaemonChannel.OpenAsync(await backend.LaunchAsync(parameters, sink, timeout.Token), timeout.Token);
            Assert.Equal(["/dev/sda", "/dev/sdb"], DaemonChannel.ReadStringList(await channel.CallAsync(ListDevices, null, 0, timeout.Token)));
            byte[] size = await channel.CallAsync(
                BlockdevGetsize64, w => new XdrWriter(w).WriteString("/dev/disk/guestfs/DATA"), 0, timeout.Token);
            Assert.Equal(32L * 1024 * 1024, new XdrReader(size).ReadInt64());

            // Snapshot launch is the default: the appliance was restored unless saving or restoring fell back to a boot.
            Assert.Equal(!backend.Restored, sink.Debug.Any(m => m.StartsWith("launch: boot the appliance", StringComparison.Ordinal)));
            Assert.Equal(backend.Restored, sink.Debug.Any(m => m.StartsWith("launch: restore the appliance snapshot", StringComparison.Ordinal)));
            // A normal boot always says why (snapshot launch off, or the reason it fell back).
            Assert.Equal(!backend.Restored, sink.Debug.Any(m =>
                m.StartsWith("launch: snapshot: off", StringComparison.Ordinal) || m.Contains("booting normally", StringComparison.Ordinal)));
            Assert.Contains(sink.Debug, m => m.StartsWith("launch: total", StringComparison.Ordinal));
            Assert.DoesNotContain(backend.CommandLine!, a => a.Contains("netdev", StringComparison.Ordinal));
            string directory = backend.TemporaryDirectory!;
            int pid = backend.ProcessId!.Value;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, new DirectoryInfo(directory).UnixFileMode);

            await backend.ShutdownAsync(timeout.Token);

            Assert.True(backend.Exited.IsCompleted);
            Assert.False(ApplianceFixture.IsRunning(pid));
            Assert.False(Directory.Exists(directory));
        }
    }

    [Fact]
    public async Task Launch_MissingHypervisor_ThrowsHypervisorNotFound()
    {
        LaunchParameters parameters = ApplianceFixture.TcgParameters([]) with { Hypervisor = "/nonexistent/qemu-system-x86_64" };
        var backend = new DirectBackend();
        await using (backend)
        {
            var error = await Assert.ThrowsAsync<HypervisorNotFoundException>(() => backend.LaunchAsync(parameters, new RecordingSink(), default));
            Assert.Equal("/nonexistent/qemu-system-x86_64", error.Hypervisor);
            Assert.False(backend.TemporaryDirectory is not null && Directory.Exists(backend.TemporaryDirectory));
        }
    }

    [Fact]
    public async Task Launch_QemuRejectsOptions_ThrowsHypervisorExitedWithItsMessage()
    {
        LaunchParameters parameters = ApplianceFixture.TcgParameters([]);
        parameters = parameters with
        {
            BackendSettings = new System.Collections.Generic.Dictionary<string, string> { ["force_tcg"] = "1", ["machine"] = "no-such-machine" },
        };
        var backend = new DirectBackend();
        await using (backend)
        {
            var error = await Assert.ThrowsAsync<HypervisorExitedException>(() => backend.LaunchAsync(parameters, new RecordingSink(), default));
            Assert.NotEqual(0, error.ExitCode);
            Assert.Contains("machine", error.StandardError, StringComparison.Ordinal);
            Assert.False(Directory.Exists(backend.TemporaryDirectory));
        }
    }

    [Theory]
    [InlineData("0", 1500)]     // a normal boot takes far longer than 1.5 s under TCG
    [InlineData("1", 250)]      // a restore (or the save run) takes longer than 0.25 s
    public async Task Launch_TimeoutShorterThanBoot_ThrowsLaunchTimeoutAndKillsQemu(string snapshot, int milliseconds)
    {
        TimeSpan limit = TimeSpan.FromMilliseconds(milliseconds);
        LaunchParameters parameters = ApplianceFixture.TcgParameters([]) with
        {
            LaunchTimeout = limit,
            Verbose = true,
            BackendSettings = new System.Collections.Generic.Dictionary<string, string> { ["force_tcg"] = "1", ["snapshot"] = snapshot },
        };
        var backend = new DirectBackend();
        await using (backend)
        {
            var error = await Assert.ThrowsAsync<LaunchTimeoutException>(() => backend.LaunchAsync(parameters, new RecordingSink(), default));
            Assert.Equal(limit, error.Timeout);
            // With snapshot launch the timeout may come before qemu is started (while qemu-img makes the overlay).
            Assert.True(snapshot == "1" || backend.ProcessId is not null);
            Assert.False(backend.ProcessId is int pid && ApplianceFixture.IsRunning(pid));
            Assert.False(Directory.Exists(backend.TemporaryDirectory));
            Assert.True(backend.Exited.IsCompleted);
        }
    }

    [Theory]
    [InlineData("0", 500)]
    [InlineData("1", 0)]        // qemu is the save run's or the restore's; a restore may finish within 0.5 s
    public async Task Launch_CancelledDuringBoot_ThrowsCancellationAndLeavesNothing(string snapshot, int delayMilliseconds)
    {
        var backend = new DirectBackend();
        await using (backend)
        {
            using var cancel = new CancellationTokenSource();
            LaunchParameters parameters = ApplianceFixture.TcgParameters([]) with
            {
                BackendSettings = new System.Collections.Generic.Dictionary<string, string> { ["force_tcg"] = "1", ["snapshot"] = snapshot },
            };
            Task<LaunchedChannel> launch = backend.LaunchAsync(parameters, new RecordingSink(), cancel.Token);
            while (backend.ProcessId is null && !launch.IsCompleted)
            {
                await Task.Delay(5);
            }

            await Task.Delay(delayMilliseconds);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => launch);
            Assert.False(ApplianceFixture.IsRunning(backend.ProcessId!.Value));
            Assert.False(Directory.Exists(backend.TemporaryDirectory));
        }
    }

    [Fact]
    public async Task KvmProbe_OnThisHost_AnswersWithinItsBound()
    {
        var clock = Stopwatch.StartNew();
        KvmProbeResult result = await KvmProbe.ProbeAsync(DirectBackend.GetHypervisor(ApplianceFixture.TcgParameters([])), KvmProbe.DefaultTimeout);
        clock.Stop();

        Assert.True(clock.Elapsed < KvmProbe.DefaultTimeout + TimeSpan.FromSeconds(5), $"probe took {clock.Elapsed}");
        Assert.Equal(result.Usable, result.Reason.Length == 0);
        // The result is cached for the process: a second probe is immediate and equal.
        var again = Stopwatch.StartNew();
        Assert.Same(result, await KvmProbe.ProbeAsync(DirectBackend.GetHypervisor(ApplianceFixture.TcgParameters([])), KvmProbe.DefaultTimeout));
        Assert.True(again.Elapsed < TimeSpan.FromMilliseconds(100));
    }
}
