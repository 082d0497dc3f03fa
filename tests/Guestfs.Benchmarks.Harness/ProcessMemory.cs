using System;
using System.Globalization;
using System.IO;

namespace Guestfs.Benchmarks.Harness;

/// <summary>Peak resident set sizes read from <c>/proc/PID/status</c>.</summary>
public static class ProcessMemory
{
    /// <summary>The peak RSS (<c>VmHWM</c>) of a process in MiB, or NaN if it cannot be read.</summary>
    /// <param name="pid">Process id, or 0 for this process.</param>
    /// <returns>Peak RSS in MiB.</returns>
    public static double PeakRssMebibytes(int pid = 0)
    {
        string path = pid == 0 ? "/proc/self/status" : $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status";
        try
        {
            foreach (string line in File.ReadLines(path))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    string kib = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kib, CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        return double.NaN;
    }
}
