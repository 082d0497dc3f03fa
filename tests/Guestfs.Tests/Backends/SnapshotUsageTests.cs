using System;
using System.Collections.Generic;
using System.IO;
using Guestfs.Backends.Direct;

namespace Guestfs.Tests.Backends;

/// <summary>The freshness bookkeeping of a saved snapshot state: restores counted, age measured, file written safely.</summary>
public sealed class SnapshotUsageTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gfs-usage-").FullName;
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AfterMaxUsesRestores_Stale_ThenAFreshRecordIsFreshAgain()
    {
        var usage = new SnapshotUsage(_directory, maxUses: 3, TimeSpan.FromHours(24), _clock);
        usage.Start();
        for (int i = 0; i < 3; i++)
        {
            Assert.Null(usage.WhyStale());
            usage.RecordUse();
        }

        Assert.Equal("was restored 3 times (snapshot_max_uses=3)", usage.WhyStale());

        usage.Start();
        Assert.Null(usage.WhyStale());
    }

    [Fact]
    public void OlderThanMaxAge_Stale_ClockSetBack_Stale()
    {
        var usage = new SnapshotUsage(_directory, 100, TimeSpan.FromHours(24), _clock);
        usage.Start();
        _clock.Now += TimeSpan.FromHours(23);
        Assert.Null(usage.WhyStale());
        _clock.Now += TimeSpan.FromHours(2);
        Assert.Equal("was saved 25 h ago (snapshot_max_age=86400 s)", usage.WhyStale());

        _clock.Now -= TimeSpan.FromDays(2);
        Assert.Equal("was saved in the future (the clock was set back)", usage.WhyStale());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("guestfs-snapshot-usage-1 saved=1 uses=-1\n")]
    [InlineData("guestfs-snapshot-usage-1 saved=x uses=0\n")]
    [InlineData("guestfs-snapshot-usage-2 saved=1796428800 uses=0\n")]
    [InlineData("guestfs-snapshot-usage-1 saved=99999999999999999 uses=0\n")]
    public void MissingOrMalformedRecord_Stale_AndNotCounted(string? content)
    {
        var usage = new SnapshotUsage(_directory, 100, TimeSpan.FromHours(24), _clock);
        if (content is not null)
        {
            File.WriteAllText(usage.Path, content);
        }

        Assert.Equal("has no valid usage record", usage.WhyStale());
        usage.RecordUse();
        Assert.Equal("has no valid usage record", usage.WhyStale());
    }

    [Fact]
    public void OversizedRecord_Stale()
    {
        var usage = new SnapshotUsage(_directory, 100, TimeSpan.FromHours(24), _clock);
        File.WriteAllText(usage.Path, "guestfs-snapshot-usage-1 saved=1796428800 uses=0" + new string(' ', 300) + "\n");
        Assert.Equal("has no valid usage record", usage.WhyStale());
    }

    [Fact]
    public void SymbolicLinkAtTheRecord_NotReadNotWrittenThrough_Replaced()
    {
        string elsewhere = Path.Combine(_directory, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        var valid = new SnapshotUsage(elsewhere, 100, TimeSpan.FromHours(24), _clock);
        valid.Start();
        string target = valid.Path;
        string before = File.ReadAllText(target);

        var usage = new SnapshotUsage(_directory, 100, TimeSpan.FromHours(24), _clock);
        File.CreateSymbolicLink(usage.Path, target);

        // A link is no record, even to a valid one; counting leaves the target alone.
        Assert.Equal("has no valid usage record", usage.WhyStale());
        usage.RecordUse();
        Assert.Equal(before, File.ReadAllText(target));

        // Writing a new record replaces the link itself.
        usage.Start();
        Assert.Null(new FileInfo(usage.Path).LinkTarget);
        Assert.Null(usage.WhyStale());
        Assert.Equal(before, File.ReadAllText(target));
    }

    [Fact]
    public void Fifo_AtTheRecord_NoRecordWithoutBlocking()
    {
        var usage = new SnapshotUsage(_directory, 100, TimeSpan.FromHours(24), _clock);
        var mkfifo = System.Diagnostics.Process.Start("mkfifo", [usage.Path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        Assert.Equal("has no valid usage record", usage.WhyStale());
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Record_IsPrivateAndNoTemporaryFilesRemain()
    {
        var usage = new SnapshotUsage(_directory, 100, TimeSpan.FromHours(24), _clock);
        usage.Start();
        usage.RecordUse();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(usage.Path));
        Assert.Equal([usage.Path], Directory.GetFiles(_directory));
        Assert.Equal("guestfs-snapshot-usage-1 saved=1796428800 uses=1\n", File.ReadAllText(usage.Path));
    }

    [Fact]
    public void ReadLimits_DefaultsSettingsAndInvalidValues()
    {
        Assert.Equal((100, TimeSpan.FromHours(24)), Limits(new Dictionary<string, string>()));
        Assert.Equal((5, TimeSpan.FromSeconds(3600)), Limits(new Dictionary<string, string>
        {
            ["snapshot_max_uses"] = "5", ["snapshot_max_age"] = "3600",
        }));
        foreach ((string name, string value) in new[] { ("snapshot_max_uses", "0"), ("snapshot_max_uses", "ten"), ("snapshot_max_age", "-1"), ("snapshot_max_age", "1h") })
        {
            GuestfsLaunchException e = Assert.Throws<GuestfsLaunchException>(() => SnapshotSettings.Read(new Dictionary<string, string> { [name] = value }));
            Assert.Contains($"{name}={value}", e.Message, StringComparison.Ordinal);
        }
    }

    private static (int MaxUses, TimeSpan MaxAge) Limits(Dictionary<string, string> settings)
    {
        SnapshotSettings read = SnapshotSettings.Read(settings, _ => null);
        return (read.MaxUses, read.MaxAge);
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
