using System;
using System.IO;
using Guestfs.Tools.Fleet;

namespace Guestfs.Tools.Tests;

/// <summary>guestfs-fleet's progress line: counts, rate, failures and time left, drawn in place.</summary>
public sealed class FleetProgressTests
{
    private static readonly DateTimeOffset s_start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Line_CountsEarlierRunsInTheTotal_RateAndEtaFromThisRunOnly()
    {
        var progress = new FleetProgress(null, total: 10, before: 2, s_start);
        progress.Finished(failed: false, s_start.AddSeconds(30));
        progress.Finished(failed: true, s_start.AddSeconds(60));

        // 2 images in 1 minute: 6 left at 2 a minute.
        Assert.Equal("[4/10] 2.0 images/min, 1 failed, ETA 3m00s", progress.Line(s_start.AddMinutes(1)));
    }

    [Fact]
    public void Line_AllDone_SaysDone_LongEtaInHours()
    {
        var done = new FleetProgress(null, total: 1, before: 0, s_start);
        done.Finished(failed: false, s_start.AddSeconds(6));
        Assert.Equal("[1/1] 10.0 images/min, 0 failed, done", done.Line(s_start.AddSeconds(6)));

        var slow = new FleetProgress(null, total: 200, before: 0, s_start);
        slow.Finished(failed: false, s_start.AddMinutes(1));
        Assert.Equal("[1/200] 1.0 images/min, 0 failed, ETA 3h19m", slow.Line(s_start.AddMinutes(1)));

        var none = new FleetProgress(null, total: 3, before: 0, s_start);
        Assert.Equal("[0/3] 0.0 images/min, 0 failed, ETA ?", none.Line(s_start.AddMinutes(1)));
    }

    [Fact]
    public void Finished_RedrawsTheSameLineInPlace_EndAddsTheNewline()
    {
        var stderr = new StringWriter();
        var progress = new FleetProgress(stderr, total: 2, before: 0, s_start);
        progress.End();
        Assert.Equal(string.Empty, stderr.ToString()); // nothing drawn, nothing to end

        progress.Finished(failed: false, s_start.AddMinutes(1));
        progress.Finished(failed: false, s_start.AddMinutes(2));
        progress.End();

        Assert.Equal(
            "\r[1/2] 1.0 images/min, 0 failed, ETA 1m00s\x1b[K\r[2/2] 1.0 images/min, 0 failed, done\x1b[K\n",
            stderr.ToString());
    }
}
