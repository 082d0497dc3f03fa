using System;
using System.Globalization;

namespace Guestfs.Tools.Common;

/// <summary>
/// The fields virt-ls <c>-lR</c> and virt-diff print for a file, formatted as both do (ls.c's and diff.c's
/// <c>output_*</c> functions).
/// </summary>
internal static class StatFields
{
    /// <summary>The file type letter of a mode (<c>-</c>, <c>d</c>, <c>c</c>, <c>b</c>, <c>p</c>, <c>l</c>, <c>s</c>, else <c>u</c>).</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>The letter.</returns>
    public static char FileTypeChar(long mode) => GuestVisitor.FileType(mode) switch
    {
        0x8000 => '-',
        0x4000 => 'd',
        0x2000 => 'c',
        0x6000 => 'b',
        0x1000 => 'p',
        0xA000 => 'l',
        0xC000 => 's',
        _ => 'u',
    };

    /// <summary>The permission bits as four octal digits.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>The text.</returns>
    public static string Permissions(long mode) => Convert.ToString(mode & 0xFFF, 8).PadLeft(4, '0');

    /// <summary>Under <c>--csv</c>, a field with a space, quote, newline or comma is quoted (quotes doubled).</summary>
    /// <param name="text">The field.</param>
    /// <param name="csv">Whether the output is CSV.</param>
    /// <returns>The field as printed.</returns>
    public static string Quote(string text, bool csv) =>
        csv && text.AsSpan().IndexOfAny(" \"\n,") >= 0
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;

    /// <summary>A size: right-aligned in 10 columns unless CSV; <c>-h</c> scales it.</summary>
    /// <param name="size">The size in bytes.</param>
    /// <param name="human">Human-readable.</param>
    /// <param name="csv">Whether the output is CSV.</param>
    /// <returns>The text.</returns>
    public static string Size(long size, bool human, bool csv)
    {
        var text = human ? HumanReadable.Format((ulong)size) : Number(size);
        return csv ? text : text.PadLeft(10);
    }

    /// <summary>A time in the chosen style; <paramref name="now"/> is the run's start for the relative styles.</summary>
    /// <param name="seconds">Seconds since the epoch.</param>
    /// <param name="style">The style.</param>
    /// <param name="now">The run's start, seconds since the epoch.</param>
    /// <returns>The text.</returns>
    public static string Time(long seconds, TimeStyle style, long now) => style switch
    {
        TimeStyle.Seconds => Number(seconds).PadLeft(10),
        TimeStyle.SecondsAgo => Number(now - seconds).PadLeft(8),
        TimeStyle.DaysAgo => Number((now - seconds) / 86400).PadLeft(3),
        _ => TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(seconds), TimeZoneInfo.Local)
            .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
    };

    /// <summary>A number in the invariant culture.</summary>
    /// <param name="n">The number.</param>
    /// <returns>The text.</returns>
    public static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>glibc's <c>major</c>:<c>minor</c> of a device number.</summary>
    /// <param name="device">The device number.</param>
    /// <returns>The text.</returns>
    public static string Device(long device)
    {
        var dev = (ulong)device;
        var major = ((dev >> 32) & 0xFFFFF000) | ((dev >> 8) & 0xFFF);
        var minor = ((dev >> 12) & 0xFFFFFF00) | (dev & 0xFF);
        return string.Create(CultureInfo.InvariantCulture, $"{major}:{minor}");
    }
}
