using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Guestfs.Benchmarks.Harness;

/// <summary>
/// The warm-pool side: launches from an <see cref="AppliancePool"/>, each with the benchmark's two drives, as a
/// user writes it. Settings come from the environment, as for <see cref="OursSession"/>.
/// </summary>
public static class PoolSession
{
    /// <summary>
    /// Creates a pool of <c>--size</c> appliances (default 1), waits until it is full, then makes <c>--launches</c>
    /// launches (default 5): before each (not timed) the pool is refilled; each launch is timed to ready, then the
    /// handle shuts down. The sample has the median launch (<c>launch_s</c>), its spread, the median time the guest
    /// kernel took to probe the plugged disks (<c>disks_s</c>, the appliance's own step report, the floor of a
    /// pool launch under TCG), and one paused appliance's qemu RSS as the pool measured it (<c>pool_rss_mb</c>).
    /// </summary>
    /// <param name="options"><c>--disk --xfer-disk [--size K] [--launches N] [--label] [--steps]</c> (<c>--steps</c>: every debug
    /// line of the launches on standard error, stamped with the time since the launch started).</param>
    /// <returns>The sample.</returns>
    public static async Task<Sample?> RunAsync(HarnessArguments options)
    {
        string disk = options.Required("disk");
        string xferDisk = options.Required("xfer-disk");
        string label = options.Optional("label") ?? "ours-pool";
        int size = options.Optional("size") is null ? 1 : options.RequiredInt("size");
        int launches = options.Optional("launches") is null ? 5 : options.RequiredInt("launches");
        var times = new List<double>();
        double rss = 0;
        using var steps = new LaunchStepLog(options.Flag("steps") ? Console.Error : null);
        AppliancePool pool = new(new AppliancePoolOptions { Size = size });
        await using (pool.ConfigureAwait(false))
        {
            for (int i = 0; i < launches; i++)
            {
                await pool.WaitUntilFilledAsync().ConfigureAwait(false);
                if (pool.ReadyCount == 0)
                {
                    throw new InvalidOperationException("the pool could not prepare an appliance (run with LIBGUESTFS_DEBUG=1 to see why)");
                }

                rss = Math.Max(rss, pool.MemoryPerAppliance / 1048576.0);
                GuestfsHandle g = new(new GuestfsOptions { AppliancePool = pool, LoggerFactory = steps });
                await using (g.ConfigureAwait(false))
                {
                    await g.AddDriveAsync(disk, new AddDriveOptions { Format = "raw" }).ConfigureAwait(false);
                    await g.AddDriveAsync(xferDisk, new AddDriveOptions { Format = "raw" }).ConfigureAwait(false);
                    steps.Mark($"pool launch {i + 1}");
                    var clock = Stopwatch.StartNew();
                    await g.LaunchAsync().ConfigureAwait(false);
                    times.Add(clock.Elapsed.TotalSeconds);
                    steps.Mark($"pool launch {i + 1}: ready after {clock.Elapsed.TotalSeconds:0.000} s");
                    await g.ShutdownAsync().ConfigureAwait(false);
                }
            }
        }

        times.Sort();
        List<double> disks = steps.DiskProbeSeconds;
        disks.Sort();
        if (disks.Count != times.Count)
        {
            throw new InvalidOperationException($"{disks.Count} of {times.Count} pool launches reported their appliance steps");
        }

        return new Sample(label, new Dictionary<string, double>
        {
            ["disks_s"] = disks[disks.Count / 2],
            ["launch_s"] = times[times.Count / 2],
            ["launch_min_s"] = times[0],
            ["launch_max_s"] = times[^1],
            ["launches"] = times.Count,
            ["pool_rss_mb"] = rss,
        });
    }
}
