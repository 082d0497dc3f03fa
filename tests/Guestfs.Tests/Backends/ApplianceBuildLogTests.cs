using System;
using System.IO;
using System.Linq;
using Guestfs.Backends.Direct;

namespace Guestfs.Tests.Backends;

/// <summary>
/// The appliance build's log: concurrent builds (several processes launching against an empty cache) each write a
/// file of their own, and the published log is one whole build's output, never written through a planted link.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ApplianceBuildLogTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("guestfs-build-log-test-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    private string LogPath => Path.Combine(_cache, "appliance-build.log");

    [Fact]
    public void TwoBuildsAtOnce_BothWriteAndThePublishedLogIsTheLastToEnd()
    {
        File.WriteAllText(LogPath, "an earlier build\n");

        ApplianceBuildLog first = ApplianceBuildLog.Begin(LogPath);
        ApplianceBuildLog second = ApplianceBuildLog.Begin(LogPath);
        Assert.NotEqual(first.InProgressPath, second.InProgressPath);
        first.WriteLine("first: building");
        second.WriteLine("second: waiting for the lock");
        Assert.Equal("an earlier build\n", File.ReadAllText(LogPath));

        second.WriteLine("second: current");
        second.Dispose();
        Assert.Equal("second: waiting for the lock\nsecond: current\n", File.ReadAllText(LogPath));

        first.WriteLine("first: done");
        first.Dispose();
        Assert.Equal("first: building\nfirst: done\n", File.ReadAllText(LogPath));
        Assert.Equal(["appliance-build.log"], Directory.EnumerateFileSystemEntries(_cache).Select(Path.GetFileName));
        Assert.Equal(SecureFile.OwnerOnly, File.GetUnixFileMode(LogPath));
    }

    [Fact]
    public void LinkPlantedAtThePublishedLog_ReplacedAndItsTargetUntouched()
    {
        string target = Path.Combine(_cache, "precious");
        File.WriteAllText(target, "not a log");
        File.CreateSymbolicLink(LogPath, target);

        using (ApplianceBuildLog log = ApplianceBuildLog.Begin(LogPath))
        {
            log.WriteLine("build.sh: exit status 0");
        }

        Assert.Null(new FileInfo(LogPath).LinkTarget);
        Assert.Equal("build.sh: exit status 0\n", File.ReadAllText(LogPath));
        Assert.Equal("not a log", File.ReadAllText(target));
    }

    [Fact]
    public void InProgressLogsOfDeadBuilds_RemovedAndARunningBuildsKept()
    {
        string dead = LogPath + ".0badc0de";
        string running = LogPath + ".5ca1ab1e";
        File.WriteAllText(dead, "killed mid-build\n");
        File.SetLastWriteTimeUtc(dead, DateTime.UtcNow - ApplianceBuildLog.AbandonedAfter - TimeSpan.FromMinutes(1));
        File.WriteAllText(running, "still building\n");
        File.SetLastWriteTimeUtc(running, DateTime.UtcNow - ApplianceBuildLog.AbandonedAfter + TimeSpan.FromMinutes(5));

        using (ApplianceBuildLog.Begin(LogPath))
        {
            Assert.False(File.Exists(dead), "the dead build's log is still there");
            Assert.True(File.Exists(running), "a running build's log was removed");
        }
    }

    [Fact]
    public void MissingCacheDirectory_CreatedPrivate()
    {
        string log = Path.Combine(_cache, "new", "appliance-build.log");

        using (ApplianceBuildLog.Begin(log))
        {
        }

        Assert.Equal(string.Empty, File.ReadAllText(log));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(log)!));
    }
}
