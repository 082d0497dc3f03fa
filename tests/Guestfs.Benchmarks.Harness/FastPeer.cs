using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Guestfs.Benchmarks.Harness;

/// <summary>
/// Our engine against the fast peer: a stock guestfsd on this host listening on a unix socket (no VM; started
/// fenced by <c>eng/bench.sh</c>), the same session as <c>eng/bench/fastpeer-client.c</c>: small calls
/// (<c>umask 022</c>, answered in the daemon with one system call), then the same calls from concurrent tasks on
/// the one handle (pipelined), an upload of the transfer file to the device and its download.
/// </summary>
public static class FastPeer
{
    /// <summary>Connects, measures, prints nothing itself; the sample carries wall and CPU time per call and per MB.</summary>
    /// <param name="options"><c>--socket S --calls N --xfer-file F --device D [--tasks T] [--label L]</c>.</param>
    /// <returns>The sample.</returns>
    public static async Task<Sample?> RunAsync(HarnessArguments options)
    {
        string socket = options.Required("socket");
        int calls = options.RequiredInt("calls");
        string xferFile = options.Required("xfer-file");
        string device = options.Required("device");
        int tasks = options.Optional("tasks") is null ? 16 : options.RequiredInt("tasks");
        string label = options.Optional("label") ?? "ours-fastpeer";
        var figures = new Dictionary<string, double>();

        var g = new GuestfsHandle(new GuestfsOptions { ReadEnvironment = false, Backend = "unix:" + socket });
        await using (g.ConfigureAwait(false))
        {
            await g.LaunchAsync().ConfigureAwait(false);

            // JIT and first-use costs are not what this row measures (the C client has none): calls for a second
            // first, long enough for the tiered JIT to have compiled the call path fully.
            var warmUp = Stopwatch.StartNew();
            while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
            {
                await g.UmaskAsync(0x12).ConfigureAwait(false);
            }

            double cpu0 = ProcessCpu.SelfSeconds();
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < calls; i++)
            {
                int old = await g.UmaskAsync(0x12).ConfigureAwait(false);
                if (old != 0x12)
                {
                    throw new InvalidOperationException($"umask returned {old}, expected 022");
                }
            }

            figures["calls"] = calls;
            figures["per_call_us"] = sw.Elapsed.TotalMicroseconds / calls;
            figures["cpu_per_call_us"] = (ProcessCpu.SelfSeconds() - cpu0) * 1e6 / calls;

            // Calls from concurrent tasks on the one handle: a second of them first (the pipelined path's JIT), then
            // ten times the sequential count, long enough (a few hundred ms) for a rate that holds from run to run.
            var concurrentWarmUp = Stopwatch.StartNew();
            while (concurrentWarmUp.Elapsed < TimeSpan.FromSeconds(1))
            {
                await ConcurrentCallsAsync(g, tasks, tasks * 50).ConfigureAwait(false);
            }

            int concurrentCalls = calls * 10;
            cpu0 = ProcessCpu.SelfSeconds();
            sw.Restart();
            await ConcurrentCallsAsync(g, tasks, concurrentCalls).ConfigureAwait(false);
            figures["concurrent_tasks"] = tasks;
            figures["concurrent_calls"] = concurrentCalls;
            figures["concurrent_calls_per_s"] = concurrentCalls / sw.Elapsed.TotalSeconds;
            figures["concurrent_cpu_per_call_us"] = (ProcessCpu.SelfSeconds() - cpu0) * 1e6 / concurrentCalls;

            long size = new FileInfo(xferFile).Length;
            double mb = size / 1e6;
            FileStream source = File.OpenRead(xferFile);
            await using (source.ConfigureAwait(false))
            {
                cpu0 = ProcessCpu.SelfSeconds();
                sw.Restart();
                await g.UploadAsync(source, device).ConfigureAwait(false);
                figures["upload_mbps"] = mb / sw.Elapsed.TotalSeconds;
                figures["upload_cpu_s_per_mb"] = (ProcessCpu.SelfSeconds() - cpu0) / mb;
            }

            var counter = new CountingStream();
            cpu0 = ProcessCpu.SelfSeconds();
            sw.Restart();
            await g.DownloadAsync(device, counter).ConfigureAwait(false);
            figures["download_mbps"] = mb / sw.Elapsed.TotalSeconds;
            figures["download_cpu_s_per_mb"] = (ProcessCpu.SelfSeconds() - cpu0) / mb;
            if (counter.Count != size)
            {
                throw new InvalidOperationException($"downloaded {counter.Count} bytes from {device}, expected {size}");
            }
        }

        return new Sample(label, figures);
    }

    /// <summary><paramref name="calls"/> <c>umask</c> calls shared among <paramref name="tasks"/> concurrent tasks.</summary>
    private static Task ConcurrentCallsAsync(GuestfsHandle g, int tasks, int calls)
    {
        var workers = new Task[tasks];
        for (int t = 0; t < tasks; t++)
        {
            int share = calls / tasks + (t < calls % tasks ? 1 : 0);
            workers[t] = Task.Run(async () =>
            {
                for (int i = 0; i < share; i++)
                {
                    await g.UmaskAsync(0x12).ConfigureAwait(false);
                }
            });
        }

        return Task.WhenAll(workers);
    }
}
