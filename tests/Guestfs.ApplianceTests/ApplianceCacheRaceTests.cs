using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace Guestfs.ApplianceTests;

/// <summary>
/// libguestfs's "two launches racing for the appliance cache" scenario, for real: two separate gfish processes
/// launch at the same moment against an empty cache directory (<c>GUESTFS_CACHEDIR</c>). Both must boot, the
/// appliance must be built once (supermin is wrapped to count its runs), the cache must hold one complete
/// appliance and nothing else, and a third launch must reuse it without building. The locking logic itself is
/// covered quickly by <see cref="BuildLockTests"/>.
/// </summary>
[Collection(ApplianceCollection.Name)]
[Trait("Category", "Appliance")]
public sealed class ApplianceCacheRaceTests
{
    private readonly ApplianceFixture _fixture;
    private readonly ITestOutputHelper _output;

    public ApplianceCacheRaceTests(ApplianceFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task TwoProcessesLaunchAgainstAnEmptyCache_BothBootAndTheApplianceIsBuiltOnce()
    {
        string cacheRoot = Path.Combine(_fixture.ScratchDirectory, "race-cache");
        Directory.CreateDirectory(cacheRoot);
        string log = Path.Combine(_fixture.ScratchDirectory, "supermin-runs.log");
        ProcessOutcome prebuild = await ApplianceFixture.RunAsync("bash", [Path.Combine(_fixture.RepositoryRoot, "eng", "gfish"), "--version"], TimeSpan.FromMinutes(10));
        Assert.True(prebuild.ExitCode == 0, "building gfish failed:\n" + prebuild.Output);

        var clock = Stopwatch.StartNew();
        ProcessOutcome[] racers = await Task.WhenAll(GfishAsync(cacheRoot, log, "race-1"), GfishAsync(cacheRoot, log, "race-2"));
        _output.WriteLine($"two racing launches done in {clock.Elapsed.TotalSeconds:F0} s");

        foreach (ProcessOutcome racer in racers)
        {
            Assert.True(racer.ExitCode == 0, "a racing launch failed:\n" + Tail(racer.Output));
            Assert.Equal("/dev/sda", racer.StandardOutput.Trim());
        }

        string[] runs = File.ReadAllLines(log);
        Assert.Equal(1, runs.Count(static l => l.StartsWith("build ", StringComparison.Ordinal)));
        string cache = Path.Combine(cacheRoot, ".guestfs-net-" + Guestfs.Backends.Direct.NativeMethods.GetEffectiveUserId().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["appliance-build.log", "appliance.d", "lock"], Directory.EnumerateFileSystemEntries(cache).Select(static p => Path.GetFileName(p)!).Order(StringComparer.Ordinal));
        string appliance = Path.Combine(cache, "appliance.d");
        foreach (string file in new[] { "kernel", "initrd", "root", "checksum", "inputs" })
        {
            Assert.True(new FileInfo(Path.Combine(appliance, file)).Length > 0, "empty or missing " + file);
        }

        DateTime built = File.GetLastWriteTimeUtc(Path.Combine(appliance, "checksum"));
        ProcessOutcome third = await GfishAsync(cacheRoot, log, "third");

        Assert.True(third.ExitCode == 0, "the third launch failed:\n" + Tail(third.Output));
        Assert.Equal(runs, File.ReadAllLines(log));
        Assert.Equal(built, File.GetLastWriteTimeUtc(Path.Combine(appliance, "checksum")));
    }

    private async Task<ProcessOutcome> GfishAsync(string cacheRoot, string log, string name)
    {
        string disk = _fixture.CreateScratchDisk(name + ".img", 16);
        ProcessOutcome outcome = await _fixture.RunGfishAsync(
            ["--format=raw", "-a", disk, "run", ":", "list-devices"],
            new Dictionary<string, string>
            {
                ["GUESTFS_SNAPSHOT"] = "0",
                ["GUESTFS_CACHEDIR"] = cacheRoot,
                ["SUPERMIN"] = Path.Combine(AppContext.BaseDirectory, "BuildLock", "counting-supermin"),
                ["SUPERMIN_COUNT_LOG"] = log,
            },
            TimeSpan.FromMinutes(25));
        _output.WriteLine($"{name}: exit {outcome.ExitCode}; output: {Tail(outcome.Output)}");
        return outcome;
    }

    private static string Tail(string text) => text.Length <= 3000 ? text : text[^3000..];
}
