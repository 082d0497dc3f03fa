using System;
using System.Globalization;
using System.IO;

namespace Guestfs.Benchmarks.Harness;

/// <summary>
/// CPU time (user + system, all threads) of a process from <c>/proc/PID/stat</c>. Unlike wall time, it barely moves
/// when other work shares the machine, so it shows where per-call and transfer time goes even on a busy host.
/// </summary>
public static class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>CPU seconds used so far by a process, or NaN if it cannot be read.</summary>
    /// <param name="pid">Process id, or 0 for this process.</param>
    /// <returns>User + system seconds.</returns>
    public static double Seconds(int pid = 0)
    {
        string path = pid == 0 ? "/proc/self/stat" : $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat";
        try
        {
            string text = File.ReadAllText(path);
            // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
            string[] rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            // rest[0] is field 3 (state); utime is field 14, stime field 15.
            long utime = long.Parse(rest[11], CultureInfo.InvariantCulture);
            long stime = long.Parse(rest[12], CultureInfo.InvariantCulture);
            return (utime + stime) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return double.NaN;
        }
    }
}
