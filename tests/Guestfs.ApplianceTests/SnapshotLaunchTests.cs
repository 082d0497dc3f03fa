using System;
using System.Collections.Generic;
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
public sealed class SnapshotLaunchTests
{
    private const int ListDevices = 7;
    private const int BlockdevGetsize64 = 63;
    private const int PwriteDevice = 275;
    private const int PreadDevice = 276;
    private const int Debug = 76;

    private readonly ApplianceFixture _fixture;

    public SnapshotLaunchTests(ApplianceFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task SnapshotLaunch_SecondLaunch_RestoresWithUserDisksAsSdaAndSdb()
    {
        string scratch = _fixture.CreateScratchDisk("snap-a.img", 64);
        string data = _fixture.CreateScratchDisk("snap-b.img", 32);
        LaunchParameters parameters = Parameters(640, "1",
        [
            new DriveSpec(scratch) { Format = "raw" },
            new DriveSpec(data) { Format = "raw", Readonly = true, Label = "DATA" },
        ]);

        // The first launch saves the state when there is none (and restores it); either way a state exists after it.
        (bool _, RecordingSink first) = await LaunchAndCheckAsync(parameters, scratch, 0x5A);
        Assert.True(first.Debug.Any(m => m.Contains("launch: snapshot: state", StringComparison.Ordinal)), string.Join("\n", first.Debug));

        (bool restored, RecordingSink second) = await LaunchAndCheckAsync(parameters, scratch, 0xA5);
        Assert.True(restored, string.Join("\n", second.Debug));
        Assert.DoesNotContain(second.Debug, m => m.Contains("saving one", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Debug, m => m.Contains("booting normally", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SnapshotLaunch_CorruptState_FallsBackToNormalBootAndDiscardsIt()
    {
        string scratch = _fixture.CreateScratchDisk("snap-c.img", 16);
        LaunchParameters parameters = Parameters(704, "1", [new DriveSpec(scratch) { Format = "raw" }]);
        SnapshotLauncher launcher = await CreateLauncherAsync(parameters);
        Directory.CreateDirectory(launcher.Directory);
        launcher.Usage.Start(); // a fresh record, so that the launch tries the state rather than saving a new one
        await File.WriteAllTextAsync(launcher.StatePath, "this is not a migration stream\n");
        await using (var ram = new FileStream(launcher.RamPath, FileMode.Create))
        {
            ram.SetLength(704L * 1024 * 1024);
        }

        ProcessOutcome overlay = await ApplianceFixture.RunAsync(
            "qemu-img", ["create", "-q", "-f", "qcow2", "-F", "raw", "-b", Path.Combine(_fixture.ApplianceDirectory, "root"), launcher.OverlayPath],
            TimeSpan.FromMinutes(1));
        Assert.Equal(0, overlay.ExitCode);

        (bool restored, RecordingSink sink) = await LaunchAndCheckAsync(parameters, scratch, 0x3C);

        Assert.False(restored);
        Assert.Contains(sink.Debug, m => m.StartsWith("launch: snapshot: restoring failed", StringComparison.Ordinal));
        Assert.False(launcher.HasState);
    }

    [Fact]
    public async Task SnapshotLaunch_SettingOff_BootsNormallyWithoutSnapshotPort()
    {
        string scratch = _fixture.CreateScratchDisk("snap-d.img", 16);
        LaunchParameters parameters = Parameters(768, "0", [new DriveSpec(scratch) { Format = "raw" }]);

        (bool restored, RecordingSink sink) = await LaunchAndCheckAsync(parameters, scratch, 0x11, b =>
            Assert.DoesNotContain(b.CommandLine!, a => a.Contains(QemuCommandLine.SnapshotPortName, StringComparison.Ordinal)));

        Assert.False(restored);
        Assert.Contains(sink.Debug, m => m == "launch: snapshot: off (the backend setting snapshot=0)");
    }

    [Fact]
    public async Task SnapshotLaunch_TwoRestores_KernelRandomNumbersDiffer()
    {
        string scratch = _fixture.CreateScratchDisk("snap-rng.img", 16);
        LaunchParameters parameters = Parameters(640, "1", [new DriveSpec(scratch) { Format = "raw" }]);

        // The first launch may save the state; the next two are restores of that same state.
        await LaunchAndReadKernelUuidAsync(parameters);
        (bool firstRestored, string first) = await LaunchAndReadKernelUuidAsync(parameters);
        (bool secondRestored, string second) = await LaunchAndReadKernelUuidAsync(parameters);

        Assert.True(firstRestored && secondRestored);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task SnapshotLaunch_StateOlderThanTheLaunch_GuestClockIsTheHosts()
    {
        string scratch = _fixture.CreateScratchDisk("snap-clock.img", 16);
        LaunchParameters parameters = Parameters(640, "1", [new DriveSpec(scratch) { Format = "raw" }]);

        // Make sure the state exists, then let it age: a restored guest's own clock would be at least this far behind.
        await LaunchAndRunAsync(parameters, "true");
        await Task.Delay(TimeSpan.FromSeconds(20));
        (bool restored, string output) = await LaunchAndRunAsync(parameters, "date +%s.%N");
        double host = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

        Assert.True(restored);
        double guest = double.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(guest, host - 5, host + 1);
    }

    [SkippableFact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task SnapshotLaunch_DiskWhosePartitionTableReadsSlowly_ItsVolumeGroupIsActiveAtLaunch()
    {
        Skip.IfNot(NetworkServers.Has("qemu-nbd"), "qemu-nbd is not installed");
        // The kernel lists a hot-plugged disk before it has read its partition table. A storage scan that starts then
        // sees no partition, so no LVM label, and the volume group stays inactive: the NBD drive here answers every
        // read late (a relay holds each reply back), so the partition table arrives well after the disk.
        string pv = await _fixture.CreateVolumeGroupDiskAsync(
            "snap-slow-pv.img", "slowvg", new GuestfsOptions { BackendSettings = ["force_tcg", "snapshot=1"], Memsize = 640 });

        using var servers = new NetworkServers();
        string upstream = await servers.StartNbdUnixAsync(pv, readOnly: true);
        await using var relay = new DelayingRelay(Path.Combine(servers.Directory, "slow.sock"), upstream, TimeSpan.FromMilliseconds(300));
        var drive = new DriveSpec(string.Empty, RemoteSource.Create("nbd", string.Empty, ["unix:" + relay.Path], null, null))
        {
            Format = "raw",
            Readonly = true,
        };
        var sink = new RecordingSink();

        (bool restored, string output) = await LaunchAndRunAsync(Parameters(640, "1", [drive]),
            "ls /sys/block/sda; if test -b /dev/slowvg/lv0; then echo lv0-active; else echo lv0-missing; fi", sink);

        string log = $"{output}\n(replies held back: {relay.DelayedChunks})\n{string.Join("\n", sink.Debug)}";
        Assert.True(restored, log);
        Assert.Contains("sda1", output, StringComparison.Ordinal);
        Assert.Contains("lv0-active", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnapshotLaunch_DiskNeverReady_RestoreFailsAndANormalBootServesTheLaunch()
    {
        // The restored init waits a bounded number of looks for each plugged disk; one still missing then must fail
        // the restore (never an appliance without its disks) and the launch must boot normally. A copy of the recipe
        // whose init gives up at once makes every disk "never ready", through gfish in a process of its own (the
        // recipe and cache are chosen by environment variables).
        string recipe = Path.Combine(_fixture.ScratchDirectory, "recipe-impatient");
        Directory.CreateDirectory(recipe);
        foreach (string file in Directory.EnumerateFiles(Path.Combine(_fixture.RepositoryRoot, "appliance")))
        {
            File.Copy(file, Path.Combine(recipe, Path.GetFileName(file)));
        }

        string init = Path.Combine(recipe, "init");
        string script = await File.ReadAllTextAsync(init);
        Assert.Contains("\n    restore_looks=1000 ", script, StringComparison.Ordinal);
        await File.WriteAllTextAsync(init, script.Replace("\n    restore_looks=1000 ", "\n    restore_looks=0 ", StringComparison.Ordinal));
        string cache = Path.Combine(_fixture.ScratchDirectory, "impatient-cache");
        Directory.CreateDirectory(cache);
        string disk = _fixture.CreateScratchDisk("snap-never-ready.img", 16);

        ProcessOutcome gfish = await _fixture.RunGfishAsync(
            ["--format=raw", "-a", disk, "run", ":", "list-devices"],
            new Dictionary<string, string>
            {
                ["LIBGUESTFS_DEBUG"] = "1",
                ["GUESTFS_SNAPSHOT"] = "1",
                [ApplianceLocator.RecipeVariable] = recipe,
                ["GUESTFS_CACHEDIR"] = cache,
            },
            TimeSpan.FromMinutes(15));
        string log = gfish.Output;
        string tail = log.Length <= 4000 ? log : log[^4000..];

        Assert.True(gfish.ExitCode == 0, $"gfish exited with {gfish.ExitCode}:\n{tail}");
        Assert.Contains("saved state", log, StringComparison.Ordinal);
        Assert.Contains("said 'fail 0 of 1 hot-plugged disks ready", log, StringComparison.Ordinal);
        Assert.Contains("booting normally", log, StringComparison.Ordinal);
        Assert.Equal("/dev/sda", gfish.StandardOutput.Trim());
    }

    [Fact]
    public async Task SnapshotLaunch_SaveRunFails_NextLaunchBootsNormallyWithoutTryingAgain()
    {
        // A hypervisor wrapper whose save runs (memory file, no -incoming) fail; everything else is the real qemu.
        string real = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':')
            .Select(d => Path.Combine(d, "qemu-system-x86_64")).First(File.Exists);
        string directory = Path.Combine(_fixture.ScratchDirectory, "failing-save-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        string saveRuns = Path.Combine(directory, "save-runs");
        string fake = Path.Combine(directory, "qemu-system-x86_64");
        await File.WriteAllTextAsync(fake,
            "#!/bin/sh\n" +
            "case \" $* \" in *memory-backend=*) case \" $* \" in *' -incoming '*) ;; *)\n" +
            $"  echo run >>'{saveRuns}'; echo 'fake: this save run fails' >&2; exit 1 ;; esac ;; esac\n" +
            $"exec '{real}' \"$@\"\n");
        Assert.Equal(0, (await ApplianceFixture.RunAsync("chmod", ["0700", fake], TimeSpan.FromSeconds(30))).ExitCode);
        string scratch = _fixture.CreateScratchDisk("snap-failing-save.img", 16);
        LaunchParameters parameters = Parameters(896, "1", [new DriveSpec(scratch) { Format = "raw" }]) with { Hypervisor = fake };
        SnapshotLauncher launcher = await CreateLauncherAsync(parameters);

        (bool firstRestored, RecordingSink first) = await LaunchAndCheckAsync(parameters, scratch, 0x21);
        (bool secondRestored, RecordingSink second) = await LaunchAndCheckAsync(parameters, scratch, 0x22);

        Assert.False(firstRestored);
        Assert.False(secondRestored);
        Assert.Contains(first.Debug, m => m.StartsWith("launch: snapshot: saving failed", StringComparison.Ordinal));
        Assert.Contains("fake: this save run fails", await File.ReadAllTextAsync(launcher.FailedSavePath));
        Assert.Single(await File.ReadAllLinesAsync(saveRuns)); // the second launch did not try again
        Assert.Contains(second.Debug, m => m.Contains("booting normally without trying again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SnapshotLaunch_TwoProcessesWithNoState_BothLaunchAndOneStateIsSaved()
    {
        // A memory size no other test uses gives a key of its own; remove any state it has.
        LaunchParameters parameters = Parameters(832, "1", []);
        SnapshotLauncher launcher = await CreateLauncherAsync(parameters);
        if (Directory.Exists(launcher.Directory))
        {
            Directory.Delete(launcher.Directory, recursive: true);
        }

        string assembly = typeof(LaunchOnceProgram).Assembly.Location;
        Task<ProcessOutcome>[] children = [.. Enumerable.Range(0, 2).Select(i => ApplianceFixture.RunAsync(
            "dotnet", [assembly, "launch-once", "832", _fixture.CreateScratchDisk($"snap-concurrent-{i}.img", 16)], TimeSpan.FromMinutes(5)))];
        ProcessOutcome[] outcomes = await Task.WhenAll(children);

        Assert.All(outcomes, o => Assert.True(o.ExitCode == 0, o.Output));
        Assert.True(launcher.HasState, string.Join("\n----\n", outcomes.Select(o => o.Output)));
        Assert.Single(Directory.GetDirectories(launcher.SnapshotRoot), d => Path.GetFileName(d) == launcher.Key);
        Assert.Empty(Directory.GetDirectories(launcher.SnapshotRoot, launcher.Key[..16] + ".tmp-*"));
        // The saved state is whole: a third launch restores it.
        string scratch = _fixture.CreateScratchDisk("snap-concurrent-2.img", 16);
        (bool restored, RecordingSink sink) = await LaunchAndCheckAsync(
            parameters with { Drives = [new DriveSpec(scratch) { Format = "raw" }] }, scratch, 0x77);
        Assert.True(restored, string.Join("\n", sink.Debug));
    }

    [Fact]
    public async Task SnapshotLaunch_StateRestoredMaxUsesTimes_NextLaunchSavesAFreshState()
    {
        string scratch = _fixture.CreateScratchDisk("snap-fresh.img", 16);
        LaunchParameters parameters = Parameters(976, "1", [new DriveSpec(scratch) { Format = "raw" }]);
        parameters = parameters with
        {
            BackendSettings = new Dictionary<string, string>(parameters.BackendSettings) { ["snapshot_max_uses"] = "1" },
        };
        SnapshotLauncher launcher = await CreateLauncherAsync(parameters);
        if (Directory.Exists(launcher.Directory))
        {
            Directory.Delete(launcher.Directory, recursive: true);
        }

        (bool firstRestored, RecordingSink first) = await LaunchAndCheckAsync(parameters, scratch, 0x31);
        Assert.True(firstRestored, string.Join("\n", first.Debug));
        string marker = Path.Combine(launcher.Directory, "marker-of-the-first-state");
        await File.WriteAllTextAsync(marker, string.Empty);

        (bool secondRestored, RecordingSink second) = await LaunchAndCheckAsync(parameters, scratch, 0x32);

        Assert.True(secondRestored, string.Join("\n", second.Debug));
        Assert.Contains(second.Debug, m => m.EndsWith("was restored 1 times (snapshot_max_uses=1); saving a fresh one", StringComparison.Ordinal));
        Assert.Contains(second.Debug, m => m.StartsWith("launch: snapshot: saved state", StringComparison.Ordinal));
        Assert.False(File.Exists(marker), "the first state was restored again instead of being saved anew");
    }

    [Fact]
    public async Task SnapshotLaunch_ChangedInput_GivesAnotherKey()
    {
        LaunchParameters parameters = Parameters(640, "1", []);
        string key = (await CreateLauncherAsync(parameters)).Key;

        Assert.Equal(key, (await CreateLauncherAsync(parameters)).Key);
        Assert.NotEqual(key, (await CreateLauncherAsync(parameters with { MemsizeMb = 641 })).Key);
        Assert.NotEqual(key, (await CreateLauncherAsync(parameters with { Smp = 2 })).Key);
        Assert.NotEqual(key, (await CreateLauncherAsync(parameters with { Verbose = true })).Key);
        Assert.NotEqual(key, (await CreateLauncherAsync(parameters with { Append = "foo=1" })).Key);
        var machine = new Dictionary<string, string>(parameters.BackendSettings) { ["machine"] = "pc" };
        Assert.NotEqual(key, (await CreateLauncherAsync(parameters with { BackendSettings = machine })).Key);
    }

    internal static LaunchParameters Parameters(int memsize, string snapshot, IReadOnlyList<DriveSpec> drives) =>
        ApplianceFixture.TcgParameters(drives) with
        {
            MemsizeMb = memsize,
            BackendSettings = new Dictionary<string, string> { ["force_tcg"] = "1", ["snapshot"] = snapshot },
        };

    /// <summary>The snapshot store the backend uses for these parameters (the appliance as the backend locates it).</summary>
    private static async Task<SnapshotLauncher> CreateLauncherAsync(LaunchParameters parameters)
    {
        ApplianceFiles appliance = await ApplianceLocator.LocateAsync(parameters, new RecordingSink(), default);
        SnapshotLauncher? launcher = SnapshotLauncher.Create(appliance, parameters, DirectBackend.GetHypervisor(parameters), kvm: false, new RecordingSink());
        Assert.NotNull(launcher);
        return launcher;
    }

    /// <summary>Launches, reads /proc/sys/kernel/random/uuid (the kernel's random generator) through the daemon, shuts down.</summary>
    private static Task<(bool Restored, string Output)> LaunchAndReadKernelUuidAsync(LaunchParameters parameters) =>
        LaunchAndRunAsync(parameters, "cat /proc/sys/kernel/random/uuid");

    /// <summary>Launches, runs a shell command in the appliance (the daemon's debug sh), shuts down; the backend's messages go to <paramref name="sink"/>.</summary>
    private static async Task<(bool Restored, string Output)> LaunchAndRunAsync(LaunchParameters parameters, string command, RecordingSink? sink = null)
    {
        var backend = new DirectBackend();
        await using (backend)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            DaemonChannel channel = await DaemonChannel.OpenAsync(await backend.LaunchAsync(parameters, sink ?? new RecordingSink(), timeout.Token), timeout.Token);
            byte[] reply = await channel.CallAsync(Debug, w =>
            {
                var writer = new XdrWriter(w);
                writer.WriteString("sh");
                writer.WriteInt32(1);
                writer.WriteString(command);
            }, 0, timeout.Token);
            string output = new XdrReader(reply).ReadString().Trim();
            bool restored = backend.Restored;
            await backend.ShutdownAsync(timeout.Token);
            return (restored, output);
        }
    }

    /// <summary>Launches, checks the disks and a write/read round trip on /dev/sda, shuts down, checks the image.</summary>
    /// <summary>Launches (on <paramref name="backend"/> when given, e.g. a prepared one), checks the disks' names and a write, shuts down.</summary>
    internal static async Task<(bool Restored, RecordingSink Sink)> LaunchAndCheckAsync(
        LaunchParameters parameters, string scratch, byte pattern, Action<DirectBackend>? check = null, DirectBackend? backend = null)
    {
        var sink = new RecordingSink();
        backend ??= new DirectBackend();
        bool restored;
        await using (backend)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            DaemonChannel channel = await DaemonChannel.OpenAsync(await backend.LaunchAsync(parameters, sink, timeout.Token), timeout.Token);

            var expected = parameters.Drives.Select((_, i) => "/dev/sd" + (char)('a' + i)).ToArray();
            Assert.Equal(expected, DaemonChannel.ReadStringList(await channel.CallAsync(ListDevices, null, 0, timeout.Token)));
            if (parameters.Drives.Any(d => d.Label == "DATA"))
            {
                byte[] size = await channel.CallAsync(
                    BlockdevGetsize64, w => new XdrWriter(w).WriteString("/dev/disk/guestfs/DATA"), 0, timeout.Token);
                Assert.Equal(32L * 1024 * 1024, new XdrReader(size).ReadInt64());
            }

            byte[] content = Enumerable.Repeat(pattern, 4096).ToArray();
            byte[] written = await channel.CallAsync(PwriteDevice, w =>
            {
                var writer = new XdrWriter(w);
                writer.WriteString("/dev/sda");
                writer.WriteOpaque(content);
                writer.WriteInt64(8192);
            }, 0, timeout.Token);
            Assert.Equal(4096, new XdrReader(written).ReadInt32());
            byte[] read = await channel.CallAsync(PreadDevice, w =>
            {
                var writer = new XdrWriter(w);
                writer.WriteString("/dev/sda");
                writer.WriteInt32(4096);
                writer.WriteInt64(8192);
            }, 0, timeout.Token);
            Assert.Equal(content, new XdrReader(read).ReadOpaque());

            check?.Invoke(backend);
            restored = backend.Restored;
            await backend.ShutdownAsync(timeout.Token);
        }

        byte[] onHost = new byte[4096];
        await using (var file = new FileStream(scratch, FileMode.Open, FileAccess.Read))
        {
            file.Position = 8192;
            await file.ReadExactlyAsync(onHost);
        }

        Assert.All(onHost, b => Assert.Equal(pattern, b));
        return (restored, sink);
    }
}
