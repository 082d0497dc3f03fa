using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Guestfs.Benchmarks.Harness;

/// <summary>
/// Turns the samples of one <c>eng/bench.sh</c> run into <c>docs/benchmarks.md</c> (table: figure, stock, ours,
/// ratio, target, limit) and <c>docs/benchmarks.png</c>. Writes nothing if any figure is missing.
/// </summary>
public static class BenchmarkReport
{
    /// <summary>The derived figure: launch to ready plus shutdown, in seconds.</summary>
    public const string LaunchShutdown = "launch_shutdown_s";

    /// <summary>The warm-pool rows (the cold and warm launches without a pool are rows of <see cref="Rows"/>); declared first, as <see cref="Rows"/> includes them.</summary>
    private static IReadOnlyList<FigureRow> LaunchRows { get; } =
    [
        new("Launch from a warm pool, to ready (ours; median of each run's launches)", "pool launch\n(target: ours ≤ 0.3 s)", "s",
            "launch_s", null, "ours-pool", false, null, 0.3, "ours-pool", "disks_s"),
        new("Warm pool: memory per paused appliance (qemu RSS)", "pool memory\nper appliance", "MiB",
            "pool_rss_mb", null, "ours-pool", false, null, null, null, null),
    ];

    /// <summary>The rows of the table, in order.</summary>
    public static IReadOnlyList<FigureRow> Rows { get; } =
    [
        new("Launch to ready + shutdown: stock guestfish vs ours (our appliance)", "launch\nguestfish vs ours", "s",
            LaunchShutdown, "stock-guestfish", "ours", false, 0.25, null, "limit-boot", "boot_s"),
        new("Launch to ready + shutdown: stock library vs ours (our appliance)", "launch\nlibrary vs ours", "s",
            LaunchShutdown, "stock-lib", "ours", false, 0.5, null, "limit-boot", "boot_s"),
        new("Launch to ready + shutdown: both on the stock fixed appliance", "launch\nsame appliance", "s",
            LaunchShutdown, "stock-lib-fixed", "ours-fixed", false, 1.0, null, "limit-boot", "boot_s"),
        new("Launch to ready + shutdown: stock guestfish vs ours, warm snapshot launch", "launch\nguestfish vs snapshot", "s",
            LaunchShutdown, "stock-guestfish", "ours-snapshot", false, null, null, "limit-boot", "boot_s"),
        new("Warm snapshot launch, to ready (ours)", "snapshot launch\n(target: ours ≤ 1 s)", "s",
            "launch_s", null, "ours-snapshot", false, null, 1.0, null, null),
        new("Small call (`exists` / `statns` of `/`, alternating), per call", "small call", "µs",
            "per_call_us", "stock-lib", "ours", false, 0.5, null, "limit-vserial", "vserial_rtt_us"),
        new("16 tasks' small calls on one handle, ours, vs stock's sequential calls (under TCG: the appliance's CPU bounds the overlap)", "16 tasks\nunder TCG", "calls/s",
            "concurrent_calls_per_s", "stock-lib", "ours", true, null, null, null, null, "calls_per_s"),
        new("Client CPU per small call (user + system, all threads), after the first second of calls", "client CPU\nper call", "µs",
            "client_cpu_per_call_us", "stock-lib", "ours", false, 1.5, null, null, null),
        new("Client CPU of the first second of calls, once per process (ours: the JIT's warm-up)", "client CPU\nfirst second", "s",
            "warmup_client_cpu_s", "stock-lib", "ours", false, null, null, null, null),
        new("qemu CPU per small call (the appliance's side of a call)", "qemu CPU\nper call", "µs",
            "qemu_cpu_per_call_us", "stock-lib", "ours", false, null, null, null, null),
        new("Upload to `/dev/sdb`", "upload", "MB/s",
            "upload_mbps", "stock-lib", "ours", true, 1.5, null, null, null),
        new("Download of `/dev/sdb`", "download", "MB/s",
            "download_mbps", "stock-lib", "ours", true, 1.5, null, "limit-vserial", "vserial_mbps"),
        new("Client CPU during the upload", "client CPU\nupload", "s",
            "upload_client_cpu_s", "stock-lib", "ours", false, 2.0, null, null, null),
        new("Client CPU during the download", "client CPU\ndownload", "s",
            "download_client_cpu_s", "stock-lib", "ours", false, 2.0, null, null, null),
        new("Client peak RSS (qemu excluded)", "client peak RSS\n(target: ours ≤ 100 MiB)", "MiB",
            "client_peak_rss_mb", "stock-lib", "ours", false, null, 100, null, null),
        new("Managed heap, peak of samples after each phase (ours)", "managed heap", "MiB",
            "managed_heap_peak_mb", null, "ours", false, null, null, null, null),
        new("Managed allocation per small call (ours)", "alloc/call", "bytes",
            "alloc_per_call_b", null, "ours", false, null, null, null, null),
        new("qemu peak RSS", "qemu\npeak RSS", "MiB",
            "qemu_peak_rss_mb", "stock-lib", "ours", false, null, null, null, null),
        .. LaunchRows,
        .. FastPeerRows.Rows,
    ];

    /// <summary>Reads the samples and writes the markdown table and the chart.</summary>
    /// <param name="resultsPath">The JSON-lines file <c>eng/bench.sh</c> collected.</param>
    /// <param name="markdownPath">Where the markdown goes.</param>
    /// <param name="pngPath">Where the chart goes.</param>
    /// <param name="machine">A description of the machine and run conditions.</param>
    /// <param name="quick">Whether this was a <c>--quick</c> smoke run (said in the page).</param>
    /// <param name="notesPath">A hand-written markdown file appended to the page (where the time goes), or null.</param>
    public static void Write(string resultsPath, string markdownPath, string pngPath, string machine, bool quick, string? notesPath = null)
    {
        List<Sample> samples = File.ReadLines(resultsPath)
            .Where(static l => !string.IsNullOrWhiteSpace(l))
            .Select(Sample.Parse)
            .Select(WithDerived)
            .ToList();
        List<RowResult> results = Rows.Select(r => Evaluate(r, samples)).ToList();
        string markdown = Markdown(results, samples, machine, quick, Path.GetFileName(pngPath));
        if (notesPath is not null)
        {
            markdown += Environment.NewLine + File.ReadAllText(notesPath);
        }

        BenchmarkChart.Write(pngPath, results, quick);
        File.WriteAllText(markdownPath, markdown);
    }

    private static Sample WithDerived(Sample s)
    {
        if (s.Figures.ContainsKey(LaunchShutdown) ||
            !s.Figures.TryGetValue("launch_s", out double launch) || !s.Figures.TryGetValue("shutdown_s", out double shutdown))
        {
            return s;
        }

        return s with { Figures = new Dictionary<string, double>(s.Figures) { [LaunchShutdown] = launch + shutdown } };
    }

    private static Distribution Collect(List<Sample> samples, string side, string field) =>
        new(samples.Where(s => s.Side == side && s.Figures.ContainsKey(field)).Select(s => s.Figures[field]), $"{side} {field}");

    private static RowResult Evaluate(FigureRow row, List<Sample> samples)
    {
        Distribution ours = Collect(samples, row.OursSide, row.Field);
        Distribution? stock = row.StockSide is null ? null : Collect(samples, row.StockSide, row.StockField ?? row.Field);
        Distribution? limit = row.LimitSide is null ? null : Collect(samples, row.LimitSide, row.LimitField!);
        double? ratio = stock is null ? null : ours.Median / stock.Median;
        bool? met = null;
        if (row.TargetRatio is double t && ratio is double r)
        {
            met = row.HigherIsBetter ? r >= t : r <= t;
        }
        else if (row.TargetAbsolute is double a)
        {
            met = ours.Median <= a;
        }

        return new RowResult(row, stock, ours, limit, ratio, met);
    }

    private static string Markdown(List<RowResult> results, List<Sample> samples, string machine, bool quick, string pngName)
    {
        var sb = new StringBuilder();
        int reps = samples.Count(static s => s.Side == "ours");
        sb.AppendLine("# Benchmarks: Guestfs vs stock libguestfs 1.48.6");
        sb.AppendLine();
        sb.AppendLine("Written by `eng/bench.sh` (do not edit by hand; re-run it). Same machine, same disks, same run, the");
        sb.AppendLine("sides interleaved in every repetition. Values are the median with the spread (minimum–maximum) in");
        sb.AppendLine("brackets; the ratio is ours ÷ stock of the medians.");
        sb.AppendLine();
        if (quick)
        {
            sb.AppendLine("> **Smoke run (`--quick`)**: one repetition, fewer calls, a small transfer. These figures show that the");
            sb.AppendLine("> harness works, not how fast anything is.");
            sb.AppendLine();
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"- Run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {reps} repetition(s)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {machine}");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"![Ratios ours ÷ stock]({pngName})");
        sb.AppendLine();
        sb.AppendLine("| Figure | Stock | Ours | Ours ÷ stock | Target | Limit of this machine |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (RowResult r in results)
        {
            string target = r.Row.TargetRatio is double t
                ? $"{(r.Row.HigherIsBetter ? "≥" : "≤")} {Distribution.Format(t)}{(r.Row.HigherIsBetter ? "×" : string.Empty)}"
                : r.Row.TargetAbsolute is double a ? $"ours ≤ {Distribution.Format(a)} {r.Row.Unit}" : "—";
            string verdict = r.Met switch { true => " ✅", false => " ❌", null => string.Empty };
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Row.Title} ({r.Row.Unit}) | {r.Stock?.ToString() ?? "—"} | {r.Ours} | {(r.Ratio is double x ? Distribution.Format(x) : "—")} | {target}{verdict} | {(r.Limit is null ? "—" : $"{r.Limit} {LimitText(r.Row)}")} |");
        }

        sb.AppendLine();
        sb.AppendLine("## How each figure is measured");
        sb.AppendLine();
        sb.AppendLine("- Everything runs under TCG (`LIBGUESTFS_BACKEND=direct LIBGUESTFS_BACKEND_SETTINGS=force_tcg`); KVM is not used.");
        sb.AppendLine("- **Stock library**: `eng/bench/stock-bench.c`, a C program against `libguestfs0` 1.48.6 (`libguestfs-dev`);");
        sb.AppendLine("  **ours**: `tests/Guestfs.Benchmarks.Harness`, the same session through `GuestfsHandle`'s public API.");
        sb.AppendLine("  Both time from handle creation to the end of `launch`, and `shutdown` + close separately; the");
        sb.AppendLine("  launch figure is their sum. Process start-up (the C runtime, the .NET runtime) is not included.");
        sb.AppendLine("- **Launch**: every launch adds the same two raw drives, the 1 GiB ext2 disk and the transfer disk.");
        sb.AppendLine("- **Stock guestfish**: wall time of `guestfish --format=raw -a DISK -a XFER run : exit`, process start included.");
        sb.AppendLine("- Stock library and guestfish use the stock supermin appliance (its cache warm); ours uses our appliance.");
        sb.AppendLine("  \"Same appliance\": both load the stock fixed appliance made by `libguestfs-make-fixed-appliance`, so the");
        sb.AppendLine("  difference is the libraries' own cost.");
        sb.AppendLine("- **Small calls**: after launch and an untimed `mount_ro /dev/sda /` of the ext2 1 GiB disk, alternating");
        sb.AppendLine("  `exists(\"/\")` and `statns(\"/\")`, one at a time; first a second of them, not timed, then the timed ones:");
        sb.AppendLine("  the total divided by the number of calls. The first second is our tiered JIT compiling the call path (a");
        sb.AppendLine("  cost once per process, not per call); its client CPU is the row \"first second of calls\", on both sides.");
        sb.AppendLine("- **Transfers**: a second raw disk exactly the size of the transfer file; `upload FILE /dev/sdb` from a");
        sb.AppendLine("  page-cached host file of random bytes, then `download /dev/sdb` into `/dev/null` (ours: a counting `Stream`);");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  {TransferText(samples)}; MB/s counts 10^6 bytes.");
        sb.AppendLine("- **CPU**: user + system time of all threads from `/proc/PID/stat` (10 ms ticks), read before and after");
        sb.AppendLine("  the calls and each transfer, for the client process and for qemu. Unlike wall time, CPU time barely moves");
        sb.AppendLine("  when other work shares the machine, so these rows show where a call's time goes.");
        sb.AppendLine("- **Memory**: client peak RSS is the process's own `VmHWM` (C: `getrusage`), qemu excluded; qemu peak RSS is");
        sb.AppendLine("  qemu's `VmHWM` just before shutdown; the managed heap is `GC.GetTotalMemory(false)`, sampled after each phase.");
        sb.AppendLine("- **Limits**: the distribution kernel (uncompressed, booted through its PVH entry when it has one, the");
        sb.AppendLine("  fastest way qemu boots it) with a tiny initramfs (`eng/bench/make-initramfs.sh`: static busybox,");
        sb.AppendLine("  `eng/bench/init`) whose `/init` prints a marker at once; time from qemu start to the marker. Virtio-serial:");
        sb.AppendLine("  the same guest `dd`s zeros into a virtio-serial port (1 MiB writes) that the host reads from a unix");
        sb.AppendLine("  socket; first byte to last byte. Then the host sends 64-byte messages one at a time and the guest `dd`");
        sb.AppendLine("  echoes each: the round trip of a call with no daemon work. No library can launch, call or download");
        sb.AppendLine("  faster than these.");
        sb.Append(FastPeerRows.Method);
        return sb.ToString();
    }

    private static string TransferText(List<Sample> samples)
    {
        Sample? ours = samples.FirstOrDefault(static s => s.Side == "ours" && s.Figures.ContainsKey("xfer_bytes"));
        string size = ours is null ? "size not recorded" : $"{ours.Figures["xfer_bytes"] / 1048576:0.#} MiB each way";
        string calls = ours is not null && ours.Figures.TryGetValue("calls", out double c) ? $"{c:0} small calls per session" : "calls not recorded";
        return $"{size}, {calls}";
    }

    private static string LimitText(FigureRow row) => row.LimitField switch
    {
        "boot_s" => "s to userspace",
        "vserial_mbps" => "MB/s raw virtio-serial",
        "vserial_rtt_us" => "µs raw virtio-serial round trip",
        "disks_s" => "s the guest kernel takes to probe the two plugged disks",
        _ => string.Empty,
    };
}
