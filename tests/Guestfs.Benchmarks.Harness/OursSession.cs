using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Guestfs.Benchmarks.Harness;

/// <summary>
/// The "ours" side: the same session as <c>eng/bench/stock-bench.c</c>, through the public API of
/// <see cref="GuestfsHandle"/> as a user writes it. Backend and TCG come from <c>LIBGUESTFS_BACKEND</c> and
/// <c>LIBGUESTFS_BACKEND_SETTINGS</c>, as for the stock library.
/// </summary>
public static class OursSession
{
    /// <summary>How many tasks make the concurrent small calls (as the fast peer's row).</summary>
    private const int ConcurrentTasks = 16;

    /// <summary>
    /// Adds the 1 GiB disk and the transfer disk (launch-only sessions too, so every launch is alike), launches, mounts the disk read-only on <c>/</c>
    /// (not timed), makes small calls for a second (not timed, the JIT's warm-up; its CPU is recorded), then the
    /// timed small calls (<c>exists</c> and <c>statns</c> of <c>/</c>, alternating), uploads the transfer file to <c>/dev/sdb</c>,
    /// downloads <c>/dev/sdb</c> into a counting sink (checking the size), reads the qemu peak RSS and shuts down.
    /// </summary>
    /// <param name="options">
    /// <c>--disk --xfer-disk [--xfer-file --calls | --launch-only] [--path] [--label]</c>; <c>--profile</c> turns on
    /// verbose messages and prints every event with its time on stderr (to see where launch time goes; not for timing).
    /// </param>
    /// <returns>The sample.</returns>
    public static async Task<Sample?> RunAsync(HarnessArguments options)
    {
        string disk = options.Required("disk");
        bool launchOnly = options.Flag("launch-only");
        string label = options.Optional("label") ?? "ours";
        string? path = options.Optional("path");
        string xferDisk = options.Required("xfer-disk");
        string xferFile = launchOnly ? string.Empty : options.Required("xfer-file");
        int calls = launchOnly ? 0 : options.RequiredInt("calls");
        var figures = new Dictionary<string, double>();
        double heapPeak = 0;
        // Managed heap in use now (GC.GetTotalMemory counts what is allocated, collected or not; the GC's own
        // HeapSizeBytes stays 0 until the first collection).
        void SampleHeap() => heapPeak = Math.Max(heapPeak, Math.Max(GC.GetTotalMemory(false), GC.GetGCMemoryInfo().HeapSizeBytes) / 1048576.0);

        bool profile = options.Flag("profile");
        var shutdown = new Stopwatch();
        var total = Stopwatch.StartNew();
        GuestfsHandle g = new(new GuestfsOptions { Path = path, Verbose = profile ? true : null });
        await using (g.ConfigureAwait(false))
        {
            if (profile)
            {
                // Not for timing: verbose launches are slower. Every event with its time since handle creation.
                g.EventRaised += (_, e) => Console.Error.WriteLine(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{total.Elapsed.TotalSeconds,9:F3}] {e.Event}: {e.Buffer.TrimEnd()}"));
            }

            await g.AddDriveAsync(disk, new AddDriveOptions { Format = "raw" }).ConfigureAwait(false);
            await g.AddDriveAsync(xferDisk, new AddDriveOptions { Format = "raw" }).ConfigureAwait(false);

            await g.LaunchAsync().ConfigureAwait(false);
            figures["launch_s"] = total.Elapsed.TotalSeconds;

            // What the JIT compiled so far in this process (the library's ReadyToRun code spares part of it).
            figures["launch_jit_methods"] = System.Runtime.JitInfo.GetCompiledMethodCount();
            figures["launch_jit_s"] = System.Runtime.JitInfo.GetCompilationTime().TotalSeconds;
            SampleHeap();
            int qemuPid = await g.GetPidAsync().ConfigureAwait(false);
            (double Client, double Qemu) Cpu() => (ProcessCpu.Seconds(), ProcessCpu.Seconds(qemuPid));

            if (!launchOnly)
            {
                await g.MountRoAsync("/dev/sda", "/").ConfigureAwait(false);

                // The calls' first second is not what the per-call rows measure: the tiered JIT compiles the call
                // path then (the C side makes the same untimed second of calls). Its CPU is a row of its own.
                var warmUp = Stopwatch.StartNew();
                var cpuWarm = Cpu();
                int warmCalls = 0;
                while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
                {
                    await SmallCallAsync(g, warmCalls++).ConfigureAwait(false);
                }

                long allocatedAll0 = GC.GetTotalAllocatedBytes(precise: true);
                var cpu0 = Cpu();
                figures["warmup_calls"] = warmCalls;
                figures["warmup_client_cpu_s"] = cpu0.Client - cpuWarm.Client;
                figures["warmup_jit_methods"] = System.Runtime.JitInfo.GetCompiledMethodCount() - figures["launch_jit_methods"];
                figures["warmup_jit_s"] = System.Runtime.JitInfo.GetCompilationTime().TotalSeconds - figures["launch_jit_s"];
                var sw = Stopwatch.StartNew();
                for (int i = 0; i < calls; i++)
                {
                    await SmallCallAsync(g, i).ConfigureAwait(false);
                }

                figures["calls"] = calls;
                figures["per_call_us"] = sw.Elapsed.TotalMicroseconds / calls;
                var cpu1 = Cpu();
                figures["client_cpu_per_call_us"] = (cpu1.Client - cpu0.Client) * 1e6 / calls;
                figures["qemu_cpu_per_call_us"] = (cpu1.Qemu - cpu0.Qemu) * 1e6 / calls;
                figures["alloc_per_call_b"] = (GC.GetTotalAllocatedBytes(precise: true) - allocatedAll0) / (double)calls;
                SampleHeap();

                // The same calls from concurrent tasks on the one handle, pipelined (a few untimed rounds first: that
                // path's JIT). Under TCG the appliance's own CPU per call, on the same cores, bounds any overlap.
                await ConcurrentSmallCallsAsync(g, ConcurrentTasks, ConcurrentTasks * 10).ConfigureAwait(false);
                sw.Restart();
                await ConcurrentSmallCallsAsync(g, ConcurrentTasks, calls).ConfigureAwait(false);
                figures["concurrent_tasks"] = ConcurrentTasks;
                figures["concurrent_calls_per_s"] = calls / sw.Elapsed.TotalSeconds;

                long size = new FileInfo(xferFile).Length;
                figures["xfer_bytes"] = size;
                FileStream source = File.OpenRead(xferFile);
                await using (source.ConfigureAwait(false))
                {
                    sw.Restart();
                    await g.UploadAsync(source, "/dev/sdb").ConfigureAwait(false);
                    figures["upload_mbps"] = size / 1e6 / sw.Elapsed.TotalSeconds;
                    var cpu2 = Cpu();
                    figures["upload_client_cpu_s"] = cpu2.Client - cpu1.Client;
                    figures["upload_qemu_cpu_s"] = cpu2.Qemu - cpu1.Qemu;
                    cpu1 = cpu2;
                }

                SampleHeap();
                var counter = new CountingStream();
                sw.Restart();
                await g.DownloadAsync("/dev/sdb", counter).ConfigureAwait(false);
                figures["download_mbps"] = counter.Count / 1e6 / sw.Elapsed.TotalSeconds;
                var cpu3 = Cpu();
                figures["download_client_cpu_s"] = cpu3.Client - cpu1.Client;
                figures["download_qemu_cpu_s"] = cpu3.Qemu - cpu1.Qemu;
                if (counter.Count != size)
                {
                    throw new InvalidOperationException($"downloaded {counter.Count} bytes from /dev/sdb, expected {size}");
                }

                SampleHeap();
            }

            figures["qemu_peak_rss_mb"] = ProcessMemory.PeakRssMebibytes(qemuPid);
            shutdown.Start();
            await g.ShutdownAsync().ConfigureAwait(false);
        }

        // Shutdown and disposal, as the C side times guestfs_shutdown + guestfs_close.
        figures["shutdown_s"] = shutdown.Elapsed.TotalSeconds;

        SampleHeap();
        figures["client_peak_rss_mb"] = ProcessMemory.PeakRssMebibytes();
        figures["managed_heap_peak_mb"] = heapPeak;
        return new Sample(label, figures);
    }

    /// <summary><paramref name="calls"/> small calls shared among <paramref name="tasks"/> concurrent tasks.</summary>
    private static Task ConcurrentSmallCallsAsync(GuestfsHandle g, int tasks, int calls)
    {
        var workers = new Task[tasks];
        for (int t = 0; t < tasks; t++)
        {
            int first = t, share = calls / tasks + (t < calls % tasks ? 1 : 0);
            workers[t] = Task.Run(async () =>
            {
                for (int i = 0; i < share; i++)
                {
                    await SmallCallAsync(g, first + i).ConfigureAwait(false);
                }
            });
        }

        return Task.WhenAll(workers);
    }

    /// <summary>One small call: <c>exists("/")</c> for an even <paramref name="i"/>, <c>statns("/")</c> for an odd one.</summary>
    private static async Task SmallCallAsync(GuestfsHandle g, int i)
    {
        if (i % 2 == 0)
        {
            if (!await g.ExistsAsync("/").ConfigureAwait(false))
            {
                throw new InvalidOperationException("exists(\"/\") returned false");
            }
        }
        else
        {
            _ = await g.StatnsAsync("/").ConfigureAwait(false);
        }
    }
}
