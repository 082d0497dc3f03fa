using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.ApplianceTests;

/// <summary>
/// The locking logic of <c>appliance/build.sh</c>, fast: supermin is replaced by <c>BuildLock/fake-supermin</c>
/// (placeholder outputs after a short sleep), so these need no qemu and no real build. Concurrent builders into
/// one cache build once and agree on the result; a builder killed mid-build leaves nothing that stops or
/// corrupts the next one. The real thing (two launching processes, a real build) is
/// <c>ApplianceCacheRaceTests</c>.
/// </summary>
public sealed class BuildLockTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("guestfs-buildlock-").FullName;
    private readonly string _repository = RepositoryPaths.Root;

    private string Cache => Path.Combine(_root, "cache", ".guestfs-net-" + Guestfs.Backends.Direct.NativeMethods.GetEffectiveUserId().ToString(System.Globalization.CultureInfo.InvariantCulture));

    private string Log => Path.Combine(_root, "supermin.log");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task TwoBuildersAtOnce_BuildOnceAndAgree()
    {
        Task<ProcessOutcome> first = BuildAsync();
        Task<ProcessOutcome> second = BuildAsync();
        ProcessOutcome[] outcomes = await Task.WhenAll(first, second);

        Assert.All(outcomes, o => Assert.True(o.ExitCode == 0, o.Output));
        Assert.Single(Builds());
        Assert.Equal(outcomes[0].StandardOutput.Trim(), outcomes[1].StandardOutput.Trim());
        Assert.Contains(outcomes, o => o.Output.Contains("waiting for its lock", StringComparison.Ordinal));
        AssertCompleteCacheOnly(outcomes[0].StandardOutput.Trim());

        ProcessOutcome third = await BuildAsync();
        Assert.True(third.ExitCode == 0, third.Output);
        Assert.Single(Builds());
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task CacheOwnedByAnotherUserAndWorldWritable_RefusedAndNothingWritten()
    {
        Directory.CreateDirectory(Cache);
        File.SetUnixFileMode(Cache, (UnixFileMode)0x1FF); // 0777
        if (Guestfs.Backends.Direct.NativeMethods.GetEffectiveUserId() == 0)
        {
            using Process chown = Process.Start("chown", ["nobody", Cache])!;
            await chown.WaitForExitAsync();
        }

        ProcessOutcome outcome = await BuildAsync();

        Assert.True(outcome.ExitCode != 0, outcome.Output);
        Assert.Contains("refusing to use " + Cache, outcome.Output, StringComparison.Ordinal);
        Assert.Contains("mode 777", outcome.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(Cache));
        Assert.Empty(Builds());
    }

    [Fact]
    public async Task BuilderKilledMidBuild_NextBuildSucceedsAndLeavesNoDebris()
    {
        using Process killed = StartBuild(sleepSeconds: 60);
        await WaitForAsync(() => Builds().Count == 1);
        Assert.Single(CacheEntries(), static e => e.StartsWith("build.", StringComparison.Ordinal));
        using (Process kill = Process.Start("kill", ["-KILL", "--", "-" + killed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        await killed.WaitForExitAsync();

        ProcessOutcome next = await BuildAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(next.ExitCode == 0, next.Output);
        Assert.DoesNotContain("waiting for its lock", next.Output, StringComparison.Ordinal);
        Assert.Equal(2, Builds().Count);
        AssertCompleteCacheOnly(next.StandardOutput.Trim());
    }

    [Fact]
    public async Task HalfSwappedCache_IsRebuiltAndTheDebrisRemoved()
    {
        // A builder killed between moving the old appliance aside and moving the new one in, with its work
        // directory still there: no appliance.d, an appliance.d.old, a build.* directory.
        Directory.CreateDirectory(Path.Combine(Cache, "appliance.d.old"));
        File.WriteAllText(Path.Combine(Cache, "appliance.d.old", "checksum"), "stale\n");
        Directory.CreateDirectory(Path.Combine(Cache, "build.AbC123", "appliance.d"));
        File.WriteAllText(Path.Combine(Cache, "build.AbC123", "appliance.d", "root"), "half");
        File.WriteAllText(Path.Combine(Cache, "lock"), string.Empty);

        ProcessOutcome outcome = await BuildAsync();

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        AssertCompleteCacheOnly(outcome.StandardOutput.Trim());
    }

    private void AssertCompleteCacheOnly(string applianceDirectory)
    {
        Assert.Equal(Path.Combine(Cache, "appliance.d"), applianceDirectory);
        Assert.Equal(["appliance.d", "lock"], CacheEntries());
        foreach (string file in new[] { "kernel", "initrd", "root", "checksum", "inputs" })
        {
            Assert.True(File.Exists(Path.Combine(applianceDirectory, file)), "missing " + file);
        }
    }

    private List<string> CacheEntries() =>
        Directory.EnumerateFileSystemEntries(Cache).Select(static p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToList();

    private List<string> Builds() =>
        File.Exists(Log) ? File.ReadAllLines(Log).Where(static l => l.StartsWith("build ", StringComparison.Ordinal)).ToList() : [];

    private async Task<ProcessOutcome> BuildAsync(int sleepSeconds = 2)
    {
        using Process process = StartBuild(sleepSeconds);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new ProcessOutcome(process.ExitCode, await stdout, await stdout + await stderr);
    }

    /// <summary>Starts build.sh in its own process group (setsid), so a test can kill it with all its children.</summary>
    private Process StartBuild(int sleepSeconds)
    {
        var start = new ProcessStartInfo("setsid")
        {
            ArgumentList = { "bash", Path.Combine(_repository, "appliance", "build.sh") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string kernel = Path.Combine(_root, "vmlinuz-0.0-test");
        if (!File.Exists(kernel))
        {
            File.WriteAllText(kernel, "kernel");
            Directory.CreateDirectory(Path.Combine(_root, "modules", "0.0-test"));
        }

        start.Environment["GUESTFS_CACHEDIR"] = Path.Combine(_root, "cache");
        start.Environment["SUPERMIN"] = Path.Combine(AppContext.BaseDirectory, "BuildLock", "fake-supermin");
        start.Environment["SUPERMIN_KERNEL"] = kernel;
        start.Environment["SUPERMIN_MODULES"] = Path.Combine(_root, "modules", "0.0-test");
        start.Environment["GUESTFS_KEEP_MODULE_SIGNATURES"] = "1";
        start.Environment["FAKE_SUPERMIN_LOG"] = Log;
        start.Environment["FAKE_SUPERMIN_SLEEP"] = sleepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FAKE_SUPERMIN_MODULES_LIST"] = Path.Combine(_repository, "appliance", "initrd-modules");
        return Process.Start(start)!;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
