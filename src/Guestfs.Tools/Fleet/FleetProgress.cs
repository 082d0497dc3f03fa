using System;
using System.Globalization;
using System.IO;

namespace Guestfs.Tools.Fleet;

/// <summary>
/// guestfs-fleet's progress line on standard error, rewritten in place (<c>\r</c>) as images finish: images done of
/// the total (those done by an earlier run included), the rate of this run, failures and the time left at that rate.
/// </summary>
internal sealed class FleetProgress
{
    private readonly TextWriter? _stderr;
    private readonly int _total;
    private readonly int _before;
    private readonly DateTimeOffset _start;
    private int _done;
    private int _failed;

    /// <summary>Creates the display.</summary>
    /// <param name="stderr">Where to draw, or null for no display (standard error is not a terminal).</param>
    /// <param name="total">All the images listed.</param>
    /// <param name="before">Those already done by an earlier run.</param>
    /// <param name="start">When this run started.</param>
    public FleetProgress(TextWriter? stderr, int total, int before, DateTimeOffset start)
    {
        _stderr = stderr;
        _total = total;
        _before = before;
        _start = start;
    }

    /// <summary>Counts one finished image and redraws.</summary>
    /// <param name="failed">Whether it failed.</param>
    /// <param name="now">The time.</param>
    public void Finished(bool failed, DateTimeOffset now)
    {
        _done++;
        _failed += failed ? 1 : 0;
        _stderr?.Write("\r" + Line(now) + "\x1b[K");
    }

    /// <summary>Ends the display with a newline (when it was drawn).</summary>
    public void End()
    {
        if (_done > 0)
        {
            _stderr?.Write("\n");
        }
    }

    /// <summary>The text of the line: <c>[12/32] 3.4 images/min, 1 failed, ETA 5m52s</c>.</summary>
    /// <param name="now">The time.</param>
    /// <returns>The line.</returns>
    public string Line(DateTimeOffset now)
    {
        double minutes = Math.Max((now - _start).TotalMinutes, 1e-6);
        double rate = _done / minutes;
        int left = _total - _before - _done;
        string eta = left == 0 ? "done" : rate > 0 ? "ETA " + Duration(TimeSpan.FromMinutes(left / rate)) : "ETA ?";
        return string.Create(CultureInfo.InvariantCulture, $"[{_before + _done}/{_total}] {rate:0.0} images/min, {_failed} failed, {eta}");
    }

    private static string Duration(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}h{t.Minutes:00}m")
        : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}m{t.Seconds:00}s");
}
