using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

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

    /// <summary>CPU seconds used so far by this process, to the microsecond (<c>getrusage(RUSAGE_SELF)</c>).</summary>
    /// <returns>User + system seconds.</returns>
    public static double SelfSeconds()
    {
        GetResourceUsage(0, out ResourceUsage usage);
        return usage.UserSeconds + (usage.UserMicroseconds / 1e6) + usage.SystemSeconds + (usage.SystemMicroseconds / 1e6);
    }

    [DllImport("libc", EntryPoint = "getrusage", ExactSpelling = true)]
    private static extern int GetResourceUsage(int who, out ResourceUsage usage);

    /// <summary>The head of <c>struct rusage</c> on 64-bit Linux (two <c>timeval</c>s), sized as the whole struct.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
    }
}
